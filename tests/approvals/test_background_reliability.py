"""Nothing sent twice, proven with real processes: a Celery worker (prefork,
two at a time) on the Redis broker and the test database, and real beats.

Every e-mail any process sends is written to one mailbox file, so "once"
means once across processes.
"""

from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from approvals.mail.outbox import queue_email
from approvals.models import OutboxMessage, Post
from approvals.tasks import send_reminders
from portal.celery import app
from tests.approvals.background import Beat, Worker, wait_until
from tests.approvals.reliability import (
    a_sweep_is_held_up,
    all_sent,
    digests_queued,
    empty_mailbox,
    holding_up,
    mailbox,
    manager_of,
    waits,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

__all__ = ["empty_mailbox", "mailbox", "waits"]  # fixtures


@pytest.fixture(scope="module")
def worker(django_db_setup, mailbox):
    app.control.purge()
    worker = Worker(
        app,
        "reliability",
        mailbox=mailbox,
        pool="prefork",
        concurrency=2,
        env={"TEST_MAILBOX_DELAY": "0.02"},
    ).start()
    yield worker
    worker.stop()


def test_a_sweep_run_twice_or_two_at_once_sends_each_reminder_once(worker, mailbox, waits):
    with holding_up(waits[2]) as release:
        first = send_reminders.delay()
        wait_until(
            lambda: digests_queued() == 2 and a_sweep_is_held_up(),
            what="the sweep to reach the third manager",
        )
        # The first sweep has committed two managers' reminders and waits at the third.
        second = send_reminders.delay()
        assert second.get(timeout=30) == {
            "skipped": True,
            "waiting": 0,
            "reminders": 0,
            "digests": 0,
        }
        release()
    assert first.get(timeout=30) == {"skipped": False, "waiting": 4, "reminders": 4, "digests": 4}
    assert send_reminders.delay().get(timeout=30)["reminders"] == 0

    wait_until(lambda: all_sent() and digests_queued() == 4, what="the digests to be sent")
    sent = mailbox.sent("reminders:")
    assert sorted(m["to"] for m in sent) == sorted(manager_of(p).email for p in waits)
    assert len({m["key"] for m in sent}) == 4


def test_relays_running_at_once_send_each_message_once(worker, mailbox, mailoutbox):
    for i in range(40):
        with transaction.atomic():
            queue_email(key=f"relay-test:{i}", to=f"p{i}@portal.invalid", subject="S", body="")
    # Each commit asked the worker for a relay, and it runs two at a time. One more here:
    call_command("relay_outbox")
    wait_until(all_sent, what="the outbox to empty")

    in_worker = mailbox.sent("relay-test:")
    keys = [m["key"] for m in in_worker] + [
        m.extra_headers["X-Portal-Message"] for m in mail.outbox
    ]
    assert sorted(keys) == sorted(f"relay-test:{i}" for i in range(40))
    assert len({m["pid"] for m in in_worker}) == 2, "both of the worker's processes relayed"
    assert OutboxMessage.objects.filter(attempts=1).count() == 40


def test_two_beats_at_once_send_nothing_twice(worker, mailbox, waits, tmp_path):
    late = waits[0]
    Post.objects.filter(pk=late.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    every_second, _ = IntervalSchedule.objects.get_or_create(
        every=1, period=IntervalSchedule.SECONDS
    )
    PeriodicTask.objects.filter(name__in=settings.BEAT_SCHEDULE_DEFAULTS).update(
        interval=every_second, crontab=None
    )
    beats = [Beat(worker, tmp_path / f"beat-{i}.log").start() for i in range(2)]
    try:
        wait_until(
            lambda: all(
                beat.sent(name) >= 3
                for beat in beats
                for name in ("Send sign-off reminders", "Expire posts whose time has passed")
            ),
            what="each beat to send each task three times",
        )
    finally:
        for beat in beats:
            beat.stop()
    queue = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    wait_until(
        lambda: queue.llen("celery") == 0 and all_sent() and digests_queued() == 3,
        what="the work the beats sent to be done",
    )

    assert Post.objects.get(pk=late.pk).status == "expired"
    assert [m["to"] for m in mailbox.sent("expired:")] == [late.author.email]
    sent = mailbox.sent("reminders:")
    assert sorted(m["to"] for m in sent) == sorted(manager_of(p).email for p in waits[1:])
    assert len({m["key"] for m in sent}) == 3
