"""`make bench`, third part: a sensitive period declared over 10,000 posts (half
waiting for sign-off, half approved) written by 1,000 authors and signed off by
their 1,000 line managers, with production settings on PostgreSQL.

Builds the data afresh in a database of its own (BENCH_DATABASE with "_hold"
after it), times declaring the period (holding every post and queueing one
e-mail per person) and prints the figures. Target: under 10 seconds, with a
number of queries that does not grow with the posts: the same period is
declared again over a tenth of them to compare.
"""

import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server

PEOPLE = 2_000
POSTS = 10_000
TARGET_SECONDS = 10
DATABASE = f"{server.BENCH_DB}_hold"


def build(*, name: str, managers: int, posts: int):
    """``managers`` line managers, each with one report; ``posts`` posts between
    the reports, due in ten days, every other one approved by the manager."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from django.utils.text import slugify

    from approvals.devdata.bulk_posts import create_posts
    from approvals.models import Decision, Department, Post, PostStatus, StaffProfile, Stage

    User = get_user_model()
    unusable = make_password(None)
    slug = slugify(name)
    department = Department.objects.create(name=name, slug=slug)

    def people(role):
        return User.objects.bulk_create(
            User(
                username=f"{slug}-{role}-{i}",
                email=f"{slug}-{role}-{i}@portal.invalid",
                password=unusable,
            )
            for i in range(managers)
        )

    bosses, authors = people("manager"), people("author")
    StaffProfile.objects.bulk_create(
        [StaffProfile(user=u, department=department, job_title="Manager") for u in bosses]
        + [
            StaffProfile(user=a, department=department, job_title="Officer", line_manager=b)
            for a, b in zip(authors, bosses, strict=True)
        ]
    )
    now = timezone.now()
    created = create_posts(
        Post(
            author=authors[i % managers],
            department=department,
            disclosed_position=f"Officer, {name}",
            channel="linkedin",
            account=name,
            text=f"{name}: our open day is next month, and everyone is welcome.",
            publish_at=now + timedelta(days=10, minutes=i),
            status=PostStatus.APPROVED if i % 2 else PostStatus.SUBMITTED,
            stage="" if i % 2 else Stage.LINE_MANAGER,
            submitted_at=now - timedelta(days=1),
        )
        for i in range(posts)
    )
    boss_of = {author.pk: boss.pk for author, boss in zip(authors, bosses, strict=True)}
    approved = Post.objects.filter(pk__in=[p.pk for p in created], status=PostStatus.APPROVED)
    Decision.objects.bulk_create(
        Decision(
            version_id=version_id,
            stage=Stage.LINE_MANAGER,
            outcome="approved",
            decided_by_id=boss_of[author_id],
        )
        for version_id, author_id in approved.values_list("current_version_id", "author_id")
    )
    return department


def timed_declare(department):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from approvals.periods import services

    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        admin = get_user_model().objects.create_superuser("bench-admin", "admin@portal.invalid")
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        declared = services.declare(
            by=admin,
            name=f"Pre-election period ({department})",
            kind="pre_election",
            starts_at=timezone.now() + timedelta(days=1),
            ends_at=None,
            all_departments=False,
            departments=[department],
        )
        seconds = time.perf_counter() - started
    return declared.held, len(queries), seconds


def main():
    server.fresh_database(DATABASE)
    import django

    django.setup()
    from approvals.models import OutboxMessage
    from portal.celery import app

    started = time.perf_counter()
    large = build(name="Bench Office", managers=PEOPLE // 2, posts=POSTS)
    small = build(name="Small Office", managers=PEOPLE // 20, posts=POSTS // 10)
    print(f"\nHolding: built {POSTS:,} + {POSTS // 10:,} posts", end="")
    print(f" in {time.perf_counter() - started:.1f} s")

    rows = []
    for department in (small, large):
        before = OutboxMessage.objects.count()
        held, queries, seconds = timed_declare(department)
        rows.append(
            (department.name, held, OutboxMessage.objects.count() - before, queries, seconds)
        )
    app.control.purge()

    print(f"\n{'declared over':<16}{'held':>8}{'e-mails':>9}{'queries':>9}{'seconds':>9}")
    for name, held, mails, queries, seconds in rows:
        print(f"{name:<16}{held:>8,}{mails:>9,}{queries:>9}{seconds:>9.2f}")
    (_, _, _, small_queries, _), (_, held, mails, queries, seconds) = rows
    print(f"\nTarget under {TARGET_SECONDS} s: ", end="")
    print("met" if seconds < TARGET_SECONDS else "MISSED", end="")
    print(
        "; queries the same for a tenth of the posts:", "yes" if queries == small_queries else "NO"
    )
    if held != POSTS or mails != PEOPLE or seconds >= TARGET_SECONDS or queries != small_queries:
        sys.exit("Declaring did not hold every post and tell every person once, in time.")


if __name__ == "__main__":
    main()
