"""`make bench`, second part: one reminder sweep over 10,000 overdue posts
waiting for 1,000 approvers, with production settings on PostgreSQL.

Builds the data afresh in a database of its own (BENCH_DATABASE with
"_sweep" after it), times one sweep and a second one straight after (which
finds everything already sent), and prints the figures. Target: the first
sweep under 30 seconds.
"""

import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server

APPROVERS = 1_000
POSTS = 10_000
AUTHORS_PER_APPROVER = 2
DATABASE = f"{server.BENCH_DB}_sweep"
TARGET_SECONDS = 30


def build(*, name: str = "Bench Office", approvers: int = APPROVERS, posts: int = POSTS):
    """A department called ``name`` of ``approvers`` line managers (1,000), each
    with two reports who have ``posts`` (10,000) waiting between them, submitted
    five days ago: every approver is owed a reminder, none an escalation."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from django.utils.text import slugify

    from approvals.devdata.bulk_posts import create_posts
    from approvals.models import Department, Post, PostStatus, ReminderPolicy, StaffProfile, Stage

    User = get_user_model()
    unusable = make_password(None)
    slug = slugify(name)
    department = Department.objects.create(name=name, slug=slug)
    ReminderPolicy.objects.create(
        department=department, first_after=24, repeat_every=24, escalate_after=480, urgent_within=1
    )
    managers = User.objects.bulk_create(
        User(
            username=f"{slug}-approver-{i}",
            email=f"{slug}-approver-{i}@portal.invalid",
            password=unusable,
        )
        for i in range(approvers)
    )
    authors = User.objects.bulk_create(
        User(
            username=f"{slug}-author-{i}",
            email=f"{slug}-author-{i}@portal.invalid",
            password=unusable,
        )
        for i in range(approvers * AUTHORS_PER_APPROVER)
    )
    StaffProfile.objects.bulk_create(
        [StaffProfile(user=u, department=department, job_title="Manager") for u in managers]
        + [
            StaffProfile(
                user=author,
                department=department,
                job_title="Officer",
                line_manager=managers[i // AUTHORS_PER_APPROVER],
            )
            for i, author in enumerate(authors)
        ]
    )
    now = timezone.now()
    submitted = now - timedelta(days=5)
    text = f"{name}: our open day is next month, and everyone is welcome."
    create_posts(
        Post(
            author=authors[i % len(authors)],
            department=department,
            disclosed_position=f"Officer, {name}",
            channel="linkedin",
            account=name,
            text=text,
            publish_at=now + timedelta(days=10),
            status=PostStatus.SUBMITTED,
            stage=Stage.LINE_MANAGER,
            submitted_at=submitted - timedelta(minutes=i),
        )
        for i in range(posts)
    )


def timed_sweep():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from approvals.reminders import sending

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = sending.sweep()
        seconds = time.perf_counter() - started
    return result, len(queries), seconds


def main():
    server.fresh_database(DATABASE)
    import django

    django.setup()
    from approvals.models import OutboxMessage
    from portal.celery import app

    started = time.perf_counter()
    build()
    print(f"\nReminder sweep: built {POSTS:,} posts for {APPROVERS:,} approvers", end="")
    print(f" in {time.perf_counter() - started:.1f} s")

    first, first_queries, first_seconds = timed_sweep()
    again, again_queries, again_seconds = timed_sweep()
    # The sweep asked a relay to send each batch; no worker runs here to take them.
    app.control.purge()

    print(f"\n{'sweep':<16}{'posts':>8}{'reminders':>11}{'digests':>9}{'queries':>9}{'seconds':>9}")
    for name, result, queries, seconds in (
        ("first", first, first_queries, first_seconds),
        ("again at once", again, again_queries, again_seconds),
    ):
        print(
            f"{name:<16}{result.waiting:>8,}{result.reminders:>11,}{result.digests:>9,}"
            f"{queries:>9}{seconds:>9.2f}"
        )
    queued = OutboxMessage.objects.filter(key__startswith="reminders:").count()
    print(f"\n{queued:,} digests in the outbox; target under {TARGET_SECONDS} s: ", end="")
    print("met" if first_seconds < TARGET_SECONDS else "MISSED")
    if first.digests != APPROVERS or again.digests or first_seconds >= TARGET_SECONDS:
        sys.exit("The sweep did not send one digest per approver, once, in time.")


if __name__ == "__main__":
    main()
