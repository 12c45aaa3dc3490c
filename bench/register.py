"""`make bench`, the register of official posts on the 100,000-post scale data
set (`build_scale_data`), with production settings on PostgreSQL and Redis.

Builds the data afresh in a database of its own (BENCH_DATABASE with
"_register" after it), gives each post in the register the line manager's
decision it would have had, then, under gunicorn on loopback:

- loads the register's first page with wrk, as an admin (every department)
  and as a records officer (one department), in BENCH_ROUNDS rounds with the
  bare Django view (`/healthz/`) first in each, and prints each page's median
  ratio to the bare view of its round (the target is at least 0.2);
- downloads the CSV export of the whole register as the admin, with one web
  worker, and prints the time to the last byte (target under 30 s) and how
  much the worker's memory grew while it streamed (target under 50 MB): its
  peak resident set (VmHWM) afterwards less its resident set (VmRSS) before.
"""

import http.client
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server, wrk

DATABASE = f"{server.BENCH_DB}_register"
DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PASSWORD = "bench-password-not-for-production"  # noqa: S105 - set by the benchmark itself
ADMIN, RECORDS = "bench-admin", "bench-records"
APPROVER = "scale-0-1"  # holds approve-posts in the first scale department
REGISTER = "/records/"


def build() -> int:
    """The admin, a records officer in the first scale department, and a line
    manager's decision on every post in the register. Returns how many posts
    the register holds."""
    from django.contrib.auth import get_user_model

    from approvals.authority import groups
    from approvals.devdata import scale_data
    from approvals.models import (
        Authority,
        Decision,
        DecisionAuthority,
        Department,
        Outcome,
        Post,
        PostStatus,
        StaffProfile,
        Stage,
    )
    from approvals.records.selectors import REGISTER_STATES

    User = get_user_model()
    User.objects.create_superuser(ADMIN, f"{ADMIN}@portal.invalid", PASSWORD)
    department = Department.objects.get(slug=f"{scale_data.PREFIX}-0")
    officer = User.objects.create_user(RECORDS, f"{RECORDS}@portal.invalid", PASSWORD)
    StaffProfile.objects.create(user=officer, department=department, job_title="Records officer")
    groups.authority_group(department, Authority.VIEW_RECORDS).user_set.add(officer)
    approver = User.objects.get(username=APPROVER)
    approver.set_password(PASSWORD)
    approver.save(update_fields=["password"])
    managers = dict(
        StaffProfile.objects.filter(line_manager__isnull=False).values_list(
            "user_id", "line_manager_id"
        )
    )
    posts = Post.objects.filter(
        status__in=REGISTER_STATES, current_version__isnull=False
    ).values_list("current_version_id", "author_id", "status", "submitted_at")
    outcome = {PostStatus.REJECTED: Outcome.REJECTED}
    decisions = [
        Decision(
            version_id=version,
            stage=Stage.LINE_MANAGER,
            authority=DecisionAuthority.LINE_MANAGER,
            outcome=outcome.get(status, Outcome.APPROVED),
            decided_by_id=managers[author],
            reason="Not ours to announce." if status == PostStatus.REJECTED else "",
            created_at=submitted,
        )
        for version, author, status, submitted in posts.iterator()
    ]
    Decision.objects.bulk_create(decisions, batch_size=5_000)
    scale_data.analyse()
    return len(decisions)


def worker_pid(master: int) -> int:
    (child,) = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(child)


def memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def download(path: str, session: str) -> tuple[float, int, int]:
    """Seconds to the last byte, bytes and lines of one export, read as it streams."""
    connection = http.client.HTTPConnection(server.HOST, timeout=120)
    started = time.perf_counter()
    connection.request(
        "GET",
        path,
        headers={"X-Forwarded-Proto": "https", "Cookie": f"{server.SESSION_COOKIE}={session}"},
    )
    response = connection.getresponse()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    size = lines = 0
    last = b""
    while chunk := response.read(1 << 16):
        size += len(chunk)
        # A row's end may fall across two reads.
        lines += (last + chunk[:1]).count(b"\r\n") + chunk.count(b"\r\n")
        last = chunk[-1:]
    return time.perf_counter() - started, size, lines


def page(name: str, path: str, session: str | None) -> wrk.Result:
    headers = ["X-Forwarded-Proto: https"]
    if session:
        status, location = server.fetch(path, session)
        if status != 200:
            raise SystemExit(f"{name}: {path} answered {status} {location}, not the page")
        headers.append(
            f"Cookie: {server.SESSION_COOKIE}={session}; {server.CSRF_COOKIE}={server.CSRF_SECRET}"
        )
    return wrk.run(name, f"http://{server.HOST}{path}", headers=headers, duration=DURATION)


def main():
    server.fresh_database(DATABASE, ("build_scale_data",), ("collectstatic", "--noinput", "-v0"))
    import django

    django.setup()
    started = time.perf_counter()
    held = build()
    print(f"\nRegister: {held:,} of the 100,000 posts are in it, each with its decision", end="")
    print(f" (built in {time.perf_counter() - started:.1f} s)")

    pages = {
        "bare Django view": ("/healthz/", None),
        # The least any signed-in page costs: the session and its user.
        "bare view, signed in": ("/healthz/", RECORDS),
        "register, admin (all 200 departments)": (REGISTER, ADMIN),
        "register, records officer (1 department)": (REGISTER, RECORDS),
        # For comparison, in the same rounds: the queue, measured by bench/run.py.
        "approvals queue, for comparison": ("/approvals/", APPROVER),
    }
    with server.Gunicorn(database=DATABASE):
        sessions = {user: server.sign_in(user, PASSWORD) for user in (ADMIN, RECORDS, APPROVER)}
        rounds: dict[str, list[wrk.Result]] = {name: [] for name in pages}
        for _ in range(ROUNDS):
            for name, (path, user) in pages.items():
                rounds[name].append(page(name, path, sessions.get(user)))
    bare = rounds["bare Django view"]
    print(f"\n{'page':<44}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'ratio':>7}")
    for name, results in rounds.items():
        pairs = zip(results, bare, strict=True)
        ratio = statistics.median(r.requests_per_second / b.requests_per_second for r, b in pairs)
        print(
            f"{name:<44}{statistics.median(r.requests_per_second for r in results):>8.0f}"
            f"{statistics.median(r.p50_ms for r in results):>8.1f}"
            f"{max(r.p99_ms for r in results):>8.1f}{sum(r.errors for r in results):>7}"
            f"{ratio:>7.2f}"
        )

    with server.Gunicorn(workers=1, database=DATABASE) as web:
        session = server.sign_in(ADMIN, PASSWORD)
        server.fetch(REGISTER, session)  # the worker has imported and warmed what a page needs
        pid = worker_pid(web.process.pid)
        before = memory_kb(pid, "VmRSS")
        seconds, size, lines = download(f"{REGISTER}?export=csv", session)
        peak = memory_kb(pid, "VmHWM")
    print(
        f"\nCSV export of the whole register as the admin: {lines - 1:,} rows, "
        f"{size / 1e6:.1f} MB in {seconds:.1f} s; the web worker's memory grew "
        f"{max(peak - before, 0) / 1024:.1f} MB (VmRSS {before / 1024:.0f} MB before, "
        f"peak {peak / 1024:.0f} MB)."
    )


if __name__ == "__main__":
    main()
