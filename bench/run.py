"""`make bench`: the portal under gunicorn with production settings on PostgreSQL
and Redis, loaded by wrk on loopback. Prints, from one run, each page's
requests per second, latency and its ratio to a bare Django view."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server, wrk

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))

# (name, path, signed-in user or None)
PAGES = [
    ("bare Django view", "/healthz/", None),
    ("sign-in page", "/accounts/login/", None),
    ("home page (signed in)", "/", "reader"),
    # On the scale data set: 100,000 posts, 200 departments, 5,000 staff.
    ("approvals queue (100k posts)", "/approvals/", "scale-0-1"),
    ("your posts (100k posts)", "/posts/", "scale-0-2"),
]


def main():
    server.prepare()
    sessions = {}
    results = []
    with server.Gunicorn():
        for name, path, username in PAGES:
            headers = ["X-Forwarded-Proto: https"]
            if username:
                if username not in sessions:
                    sessions[username] = server.session_for(username)
                headers.append(f"Cookie: {server.SESSION_COOKIE}={sessions[username]}")
            results.append(
                wrk.run(name, f"http://{server.HOST}{path}", headers=headers, duration=DURATION)
            )
    bare = results[0].requests_per_second
    print(f"\n{'page':<32}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'ratio':>8}{'errors':>8}")
    for result in results:
        print(
            f"{result.name:<32}{result.requests_per_second:>10.1f}{result.p50_ms:>10.2f}"
            f"{result.p99_ms:>10.2f}{result.requests_per_second / bare:>8.2f}{result.errors:>8}"
        )
    if any(result.errors for result in results):
        sys.exit("Some requests failed: see the errors column.")


if __name__ == "__main__":
    main()
