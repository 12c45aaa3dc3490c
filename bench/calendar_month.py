"""`make bench`, the calendar: one department's month holding 5,000 posts,
with production settings on PostgreSQL.

Builds the data afresh in a database of its own (BENCH_DATABASE with
"_calendar" after it), renders the month through Django's test client as a
signed-in member of the department, and prints the queries it asked, the time
to render it (the median of several) and how that compares with a bare page
(the accessibility statement, signed in) timed the same way.
"""

import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server

POSTS = 5_000
YEAR, MONTH = 2027, 5
RUNS = 7
DATABASE = f"{server.BENCH_DB}_calendar"
HOST = "127.0.0.1"


def build():
    """A department, a member of it, and ``POSTS`` posts spread over the month's
    days and hours (scheduled, approved and published in turn), with a sensitive
    period across a week of it. Returns the member."""
    from django.contrib.auth import get_user_model

    from approvals.models import (
        Department,
        PeriodKind,
        Post,
        PostStatus,
        SensitivePeriod,
        StaffProfile,
        Stage,
    )

    User = get_user_model()
    department = Department.objects.create(name="Bench Office", slug="bench-office")
    member = User.objects.create_user(username="bench-calendar", password=None)
    StaffProfile.objects.create(user=member, department=department, job_title="Officer")
    statuses = [PostStatus.SUBMITTED, PostStatus.APPROVED, PostStatus.PUBLISHED]
    channels = ["linkedin", "x", "facebook", "instagram", "blog"]
    start = datetime(YEAR, MONTH, 1, 7, tzinfo=UTC)
    Post.objects.bulk_create(
        (
            Post(
                author=member,
                department=department,
                disclosed_position="Officer, Bench Office",
                channel=channels[i % len(channels)],
                account="@benchoffice",
                text=f"Bench Office: news item {i}, with enough words to be shortened on the page.",
                publish_at=start + timedelta(days=i % 31, minutes=7 * (i // 31)),
                status=statuses[i % len(statuses)],
                stage=Stage.LINE_MANAGER if i % len(statuses) == 0 else "",
            )
            for i in range(POSTS)
        ),
        batch_size=1_000,
    )
    period = SensitivePeriod.objects.create(
        name="Bench by-election",
        kind=PeriodKind.PRE_ELECTION,
        starts_at=datetime(YEAR, MONTH, 10, tzinfo=UTC),
        ends_at=datetime(YEAR, MONTH, 17, tzinfo=UTC),
        declared_by=member,
    )
    period.departments.set([department])
    return member


def timed(client, url) -> tuple[list[float], int, int]:
    """Seconds for each of ``RUNS`` renders after a first, the queries and bytes of one."""
    from django.db import connection

    first = client.get(url, secure=True, HTTP_HOST=HOST)
    assert first.status_code == 200, (url, first.status_code)
    # Counted as they run: Django empties its own log of queries as each request starts.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url, secure=True, HTTP_HOST=HOST)
    seconds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, secure=True, HTTP_HOST=HOST)
        seconds.append(time.perf_counter() - started)
    return seconds, len(queries), len(response.content)


def print_timings(results: dict[str, tuple[list[float], int, int]], width: int) -> None:
    """``timed``'s figures for each page, a line each, the names ``width`` wide."""
    print(f"\n{'page':<{width}}{'queries':>8}{'median ms':>11}{'min ms':>8}{'KB':>8}")
    for name, (seconds, queries, size) in results.items():
        print(
            f"{name:<{width}}{queries:>8}{statistics.median(seconds) * 1000:>11.1f}"
            f"{min(seconds) * 1000:>8.1f}{size / 1024:>8.0f}"
        )


def main():
    server.fresh_database(DATABASE, ("collectstatic", "--noinput", "-v0"))
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    member = build()
    print(f"\nCalendar month: built {POSTS:,} posts in one month", end="")
    print(f" in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(member)
    pages = {
        "month (5,000 posts)": reverse(
            "approvals:calendar_department", args=["bench-office", YEAR, MONTH]
        ),
        "bare page": reverse("accessibility"),
    }
    results = {name: timed(client, url) for name, url in pages.items()}

    print_timings(results, 22)
    month = statistics.median(results["month (5,000 posts)"][0])
    bare = statistics.median(results["bare page"][0])
    print(f"\nThe month takes {month / bare:.1f} times as long as the bare page to render.")


if __name__ == "__main__":
    main()
