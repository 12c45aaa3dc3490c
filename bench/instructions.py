"""Instructions the portal's own process spends on one request, counted by
valgrind: a figure that, unlike requests per second on a shared machine,
comes out the same from one run to the next.

    .venv/bin/python bench/instructions.py [page ...]

Pages: bare, bare-signed-in, principle, queue, home, posts, sign-in (all by
default). Each page is
served in-process through the WSGI handler, with production settings, on the
database `bench/run.py` prepares (run it once first). Each count is taken
twice under callgrind, after 50 requests to warm the caches and then with and
without REQUESTS more, and the difference divided by REQUESTS: start-up and
warming cancel out. Waiting for PostgreSQL and Redis costs no instructions of
this process, so neither does the network; gunicorn, wrk and the kernel are
not counted either, and they are the same for every page.
"""

import io
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMING = 50
# (path, user signed in or None)
PAGES = {
    "bare": ("/healthz/", None),
    "bare-signed-in": ("/healthz/", "reader"),
    "principle": ("/be-credible/", "reader"),
    "queue": ("/approvals/", "scale-0-1"),
    "home": ("/", "reader"),
    "posts": ("/posts/", "scale-0-2"),
    "sign-in": ("/accounts/login/", None),
}


def serve(page: str, requests: int) -> None:
    """Run under valgrind: serve ``page`` WARMING + ``requests`` times."""
    os.environ.update(server.production_env())
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    path, username = PAGES[page]
    cookie = ""
    if username:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        session = client.cookies[server.SESSION_COOKIE].value
        cookie = f"{server.SESSION_COOKIE}={session}; {server.CSRF_COOKIE}={server.CSRF_SECRET}"
    application = get_wsgi_application()
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    for _ in range(WARMING + requests):
        body = application(_environ(path, cookie), start_response)
        b"".join(body)
        body.close()
    if not all(status.startswith("200") for status in statuses):
        raise SystemExit(f"{path} answered {set(statuses)}, not the page")


def _environ(path: str, cookie: str) -> dict:
    host, port = server.HOST.split(":")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": server.HOST,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": cookie,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def collected(page: str, requests: int) -> int:
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--serve",
            page,
            str(requests),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def per_request(page: str) -> int:
    with ThreadPoolExecutor(max_workers=2) as pool:
        without, with_requests = pool.map(lambda n: collected(page, n), (0, REQUESTS))
    return (with_requests - without) // REQUESTS


def main(pages):
    print(f"{'page':<20}{'instructions per request':>26}")
    for page in pages:
        print(f"{page:<20}{per_request(page):>26,}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1:] or list(PAGES))
