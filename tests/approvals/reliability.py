"""What the reliability tests share: the mailbox, four managers each owed
one reminder, a way to hold a sweep up in the middle, and what to wait for.

A sweep is held up, when a test needs it there, by an open transaction that
has inserted the reminder slot the sweep is about to claim: its claim waits
for that transaction.
"""

from contextlib import contextmanager
from datetime import timedelta

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from approvals.models import OutboxMessage, Post, ReminderPolicy
from approvals.posts import services
from tests.approvals.background import Mailbox
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory


@pytest.fixture(scope="module")
def mailbox(tmp_path_factory):
    return Mailbox(tmp_path_factory.mktemp("mail") / "sent.jsonl")


@pytest.fixture(autouse=True)
def empty_mailbox(mailbox):
    mailbox.clear()


@pytest.fixture
def waits(db):
    """Four managers, each with one report's post waiting five days: one reminder each is due."""
    office = DepartmentFactory(name="Reliability Office", slug="reliability-office")
    ReminderPolicy.objects.create(
        department=office, first_after=1, repeat_every=480, escalate_after=480, urgent_within=1
    )
    posts = []
    for i in range(4):
        manager = UserFactory(username=f"manager-{i}")
        StaffProfileFactory(user=manager, department=office)
        author = UserFactory(username=f"author-{i}")
        StaffProfileFactory(user=author, department=office, line_manager=manager)
        post = services.save_draft(
            author=author,
            channel="linkedin",
            account="Reliability Office",
            text="Reliability Office: our open day is next month.",
            link="",
            publish_at=timezone.now() + timedelta(days=10),
        )
        posts.append(services.submit_post(post_id=post.pk, author=author))
    Post.objects.update(submitted_at=timezone.now() - timedelta(days=5))
    return sorted(posts, key=lambda post: post.author.staff_profile.line_manager_id)


def manager_of(post):
    return post.author.staff_profile.line_manager


@contextmanager
def holding_up(post):
    """Inserts, in a transaction left open, the reminder slot a sweep will claim
    for this post's manager. Yields a function that rolls it back."""
    db = connection.settings_dict
    blocker = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    blocker.execute(
        "INSERT INTO approvals_reminder"
        " (version_id, stage, recipient_id, kind, number, run, created_at)"
        " VALUES (%s, 'line_manager', %s, 'reminder', 1, gen_random_uuid(), now())",
        [post.current_version_id, manager_of(post).pk],
    )
    try:
        yield blocker.rollback
    finally:
        blocker.close()


def a_sweep_is_held_up() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] == 1


def digests_queued() -> int:
    return OutboxMessage.objects.filter(key__startswith="reminders:").count()


def all_sent() -> bool:
    return not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
