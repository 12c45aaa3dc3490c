"""`make bench`, the reports: the reports page over the scale data set (100,000
posts in 200 departments, ``manage.py build_scale_data``), given a decided
history, with production settings on PostgreSQL.

Builds the data afresh in a database of its own (BENCH_DATABASE with "_reports"
after it): the scale data set, then for each post settled in it the decisions
that settled it (with the working hours each waited) and the audit events of
its submission, spread over the last twelve weeks. Renders the page through
Django's test client as an administrator of every department (the whole data
set) and as the administrator of one, and prints the queries each asked, the
time to render it (the median of several) and how that compares with a bare
page (the accessibility statement, signed in) timed the same way.
"""

import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server
from bench.calendar_month import print_timings, timed

DATABASE = f"{server.BENCH_DB}_reports"
WEEKS = 12
BATCH = 5_000


def build_history():
    """Decisions and audit events for the scale data set's posts; an administrator
    of every department and one of the first. Returns both."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from approvals.authority import groups
    from approvals.devdata import scale_data
    from approvals.models import (
        AuditAction,
        AuditEvent,
        Authority,
        Decision,
        Department,
        Outcome,
        Post,
        PostStatus,
        Stage,
    )
    from approvals.reminders.working_hours import WorkingClock

    rng = random.Random(12)
    User = get_user_model()
    now = timezone.now()
    approvers = dict(
        User.objects.filter(
            username__endswith="-1", username__startswith=scale_data.PREFIX
        ).values_list("staff_profile__department_id", "pk")
    )
    settled = {
        PostStatus.APPROVED: Outcome.APPROVED,
        PostStatus.PUBLISHED: Outcome.APPROVED,
        PostStatus.REJECTED: Outcome.REJECTED,
        PostStatus.CHANGES_REQUESTED: Outcome.CHANGES_REQUESTED,
    }
    decisions, events = [], []
    rows = Post.objects.filter(submitted_at__isnull=False).values_list(
        "pk", "current_version_id", "department_id", "status", "author_id"
    )
    for pk, version, department, status, author in rows.iterator(chunk_size=BATCH):
        submitted = now - timedelta(minutes=rng.randint(60, WEEKS * 7 * 24 * 60))
        events.append(
            AuditEvent(
                created_at=submitted,
                action=AuditAction.SUBMITTED,
                actor_id=author,
                post_id=pk,
                version_id=version,
            )
        )
        if status in settled:
            decided = min(submitted + timedelta(hours=rng.choice((1, 3, 8, 26, 50, 120))), now)
            hours = WorkingClock(decided).hours_since(submitted)
            decisions.append(
                Decision(
                    version_id=version,
                    stage=Stage.DEPARTMENT,
                    outcome=settled[status],
                    decided_by_id=approvers[department],
                    reason="" if status in (PostStatus.APPROVED, PostStatus.PUBLISHED) else "No.",
                    created_at=decided,
                    waited_working_hours=hours,
                    working_hours_since_submission=hours,
                    ends_sign_off=True,
                )
            )
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    scale_data.analyse()

    everywhere = User.objects.create_user(
        username="bench-reports-all", password=None, is_superuser=True
    )
    one = User.objects.create_user(username="bench-reports-one", password=None)
    first = Department.objects.get(slug=f"{scale_data.PREFIX}-0")
    groups.authority_group(first, Authority.MANAGE_DELEGATIONS).user_set.add(one)
    return everywhere, one, len(decisions), len(events)


def main():
    server.fresh_database(DATABASE, ("collectstatic", "--noinput", "-v0"), ("build_scale_data",))
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    everywhere, one, decisions, events = build_history()
    print(f"\nReports: added {decisions:,} decisions and {events:,} audit events", end="")
    print(f" to the scale data set in {time.perf_counter() - started:.1f} s")

    results = {}
    for name, user in (("all 200 departments", everywhere), ("one department", one)):
        client = Client()
        client.force_login(user)
        results[f"reports, {name}"] = timed(client, reverse("approvals:reports"))
        if user is one:
            results["bare page"] = timed(client, reverse("accessibility"))
            results["a CSV, one department"] = timed(
                client, reverse("approvals:reports_csv") + "?figure=departments"
            )

    print_timings(results, 32)
    bare = statistics.median(results["bare page"][0])
    for name in ("reports, all 200 departments", "reports, one department"):
        page = statistics.median(results[name][0])
        print(
            f"{name}: {bare / page:.3f} of the bare page's speed ({page / bare:.1f} times as long)"
        )


if __name__ == "__main__":
    main()
