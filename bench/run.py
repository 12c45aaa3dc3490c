"""`make bench`: the portal under gunicorn with production settings on PostgreSQL
and Redis, loaded by wrk on loopback. Prints, from one run, each page's and
form's requests per second, p50 and p99 latency and ratio to a bare Django
view, then a mixed run of readers, authors and approvers.

The pages are loaded in BENCH_ROUNDS rounds, the bare view first in each, and
each page's ratio is the median of its ratios to the bare view of the same
round: on a shared machine the speed of the whole machine drifts from one
minute to the next, and a ratio to a bare view measured minutes earlier
drifts with it."""

import os
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server, wrk

DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PASSWORD = "bench-password-not-for-production"  # noqa: S105 - set by the benchmark itself
LUA = Path(__file__).resolve().parent / "lua"
PRINCIPLE = "/be-credible/"

STOCK = "stock Django bare view"
STOCK_PORT = server.PORT + 1
# (name, path, signed-in user or None)
PAGES = [
    ("bare Django view", "/healthz/", None),
    # The same view with a reader's session: loading the session and the user
    # and the security middleware, the least any signed-in page costs.
    ("bare view, signed in", "/healthz/", "reader"),
    ("sign-in page", "/accounts/login/", None),
    ("home page (signed in)", "/", "reader"),
    ("principle page (signed in)", PRINCIPLE, "reader"),
    # On the scale data set: 100,000 posts, 200 departments, 5,000 staff.
    ("approvals queue (100k posts)", "/approvals/", "scale-0-1"),
    ("your posts (100k posts)", "/posts/", "scale-0-2"),
]
SIGNED_IN = sorted({username for _, _, username in PAGES if username} | {"author"})
DECISIONS = 20_000


def post_body() -> str:
    when = date.today() + timedelta(days=5)
    return (
        "channel=linkedin&account=Cabinet+Office&link="
        "&text=Cabinet+Office%3A+join+our+session+on+taking+part+online."
        f"&publish_date_0={when.day}&publish_date_1={when.month}&publish_date_2={when.year}"
        "&publish_time=09%3A30"
    )


def prepare(ids_file: str):
    server.prepare()
    server.manage(
        "shell",
        "-c",
        "from bench.fixtures import prepare; "
        f"prepare(password={PASSWORD!r}, usernames={[*SIGNED_IN, 'bench-manager']!r}, "
        f"decisions={DECISIONS}, ids_file={ids_file!r})",
    )


def stock_get():
    return wrk.run(STOCK, f"http://127.0.0.1:{STOCK_PORT}/healthz/", duration=DURATION)


def signed_in_get(name, path, session):
    status, location = server.fetch(path, session) if session else (200, "")
    if status != 200:
        raise SystemExit(f"{name}: {path} answered {status} {location}, not the page")
    headers = ["X-Forwarded-Proto: https"]
    if session:
        # The cookies a browser holds once signed in: without the CSRF cookie,
        # every page would make a new CSRF secret and set it, as only a first
        # visit does.
        headers.append(
            f"Cookie: {server.SESSION_COOKIE}={session}; {server.CSRF_COOKIE}={server.CSRF_SECRET}"
        )
    return wrk.run(name, f"http://{server.HOST}{path}", headers=headers, duration=DURATION)


def form_env(session: str, **extra) -> dict:
    return {
        "BENCH_SESSION": session,
        "BENCH_CSRF": server.CSRF_SECRET,
        "BENCH_ORIGIN": server.ORIGIN,
        **extra,
    }


def mixed(name: str, sessions: dict, duration: int = DURATION, **extra) -> wrk.Result:
    """The mixed run (bench/lua/mixed.lua) of readers, authors and approvers,
    with the sessions of `reader`, `author` and `scale-0-1`."""
    return wrk.run(
        name,
        f"http://{server.HOST}/",
        script=str(LUA / "mixed.lua"),
        duration=duration,
        connections=16,
        env={
            "BENCH_CSRF": server.CSRF_SECRET,
            "BENCH_ORIGIN": server.ORIGIN,
            "BENCH_READER": sessions["reader"],
            "BENCH_AUTHOR": sessions["author"],
            "BENCH_APPROVER": sessions["scale-0-1"],
            "BENCH_PRINCIPLE": PRINCIPLE,
            "BENCH_BODY": post_body(),
            **extra,
        },
    )


def median_of_rounds(rounds: list[wrk.Result], bare_rounds: list[wrk.Result]) -> tuple:
    """One page's figures over the rounds, and its median ratio to the bare view."""
    ratios = [
        page.requests_per_second / bare.requests_per_second
        for page, bare in zip(rounds, bare_rounds, strict=True)
    ]
    figures = wrk.Result(
        rounds[0].name,
        statistics.median(r.requests_per_second for r in rounds),
        statistics.median(r.p50_ms for r in rounds),
        max(r.p99_ms for r in rounds),
        sum(r.errors for r in rounds),
    )
    return figures, statistics.median(ratios)


def main():
    ids_file = str(Path(tempfile.gettempdir()) / "portal-bench-decisions.txt")
    prepare(ids_file)
    rounds = {name: [] for name, _, _ in PAGES} | {STOCK: []}
    stock = server.Gunicorn(app="bench.stock_django:application", port=STOCK_PORT)
    with server.Gunicorn(), stock:
        sessions = {username: server.sign_in(username, PASSWORD) for username in SIGNED_IN}
        for _ in range(ROUNDS):
            rounds[STOCK].append(stock_get())
            for name, path, username in PAGES:
                rounds[name].append(signed_in_get(name, path, sessions.get(username)))
        forms = [
            wrk.run(
                "propose a post (form POST)",
                f"http://{server.HOST}/posts/new/",
                script=str(LUA / "post_form.lua"),
                duration=DURATION,
                env=form_env(sessions["author"], BENCH_PATH="/posts/new/", BENCH_BODY=post_body()),
            ),
            wrk.run(
                "decide on a post (form POST)",
                f"http://{server.HOST}/",
                script=str(LUA / "decide.lua"),
                duration=DURATION,
                env=form_env(server.sign_in("bench-manager", PASSWORD), BENCH_IDS=ids_file),
            ),
            mixed("mixed: readers, authors, approvers", sessions),
        ]
    bare_rounds = rounds[PAGES[0][0]]
    results = [median_of_rounds(rounds[name], bare_rounds) for name, _, _ in PAGES]
    # The portal's bare view against a stock project's: what the middleware costs.
    portal_to_stock = median_of_rounds(bare_rounds, rounds[STOCK])[1]
    # The forms are run once, after the rounds: against the bare view's median.
    bare = statistics.median(r.requests_per_second for r in bare_rounds)
    results += [(form, form.requests_per_second / bare) for form in forms]
    print(f"\n{ROUNDS} rounds of {DURATION} s; req/s and p50 are medians, p99 the worst round.")
    print(f"{'page':<38}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'ratio':>8}{'errors':>8}")
    for result, ratio in results:
        print(
            f"{result.name:<38}{result.requests_per_second:>10.1f}{result.p50_ms:>10.2f}"
            f"{result.p99_ms:>10.2f}{ratio:>8.2f}{result.errors:>8}"
        )
    print(f"\nThe portal's bare view against a stock Django project's: {portal_to_stock:.2f}")
    if any(result.errors for result, _ in results):
        sys.exit("Some requests failed: see the errors column.")


if __name__ == "__main__":
    main()
