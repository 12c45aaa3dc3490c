"""Nothing lost when things fail, proven with real processes: a worker killed
with SIGKILL in the middle of a sweep, and Redis stopped while people go on
submitting and deciding.

Each test starts its own worker; the Redis test also its own redis-server,
so that stopping it troubles nobody else.
"""

import json

import pytest
import redis
from django.conf import settings
from django.db import connection

from approvals.models import OutboxMessage, Outcome, PostStatus, Reminder
from approvals.posts import deciding
from approvals.tasks import relay_outbox, send_reminders
from portal.caching.backend import redis_cache
from portal.celery import app
from tests.approvals.background import PrivateRedis, Worker, wait_until
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

# Redelivery of a message a dead worker left unacknowledged waits this long.
VISIBILITY_TIMEOUT = 3


def advisory_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
            " WHERE l.locktype = 'advisory' AND d.datname = current_database()"
        )
        return cursor.fetchone()[0]


def test_a_worker_killed_mid_sweep_loses_nothing_and_sends_nothing_twice(mailbox, waits):
    """Recovery here is Redis's redelivery: the sweep's message was taken but not
    acknowledged (acks_late), so once the visibility timeout passes the new worker
    restores it and runs the sweep again. No second sweep is sent. In production,
    with an hour's visibility timeout, beat's next hourly sweep would usually come
    first and do the same, as the sweep is idempotent."""
    app.control.purge()
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    broker.delete("unacked", "unacked_index")
    short = {"TEST_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    doomed = Worker(app, "doomed", mailbox=mailbox, env=short).start()
    try:
        with holding_up(waits[2]) as release:
            send_reminders.delay()
            wait_until(
                lambda: digests_queued() == 2 and a_sweep_is_held_up(),
                what="the sweep to reach the third manager",
            )
            doomed.kill()
            release()
    finally:
        doomed.kill()
    # The killed sweep's database session ends once PostgreSQL notices; with it its lock.
    wait_until(lambda: advisory_locks() == 0, what="the killed sweep's session to end")

    assert digests_queued() == 2
    assert Reminder.objects.count() == 2
    [unacknowledged] = broker.hvals("unacked")
    assert json.loads(unacknowledged)[0]["headers"]["task"] == "approvals.tasks.send_reminders"

    revived = Worker(app, "revived", mailbox=mailbox, env=short).start()
    try:
        wait_until(
            lambda: digests_queued() == 4 and all_sent(),
            what="the redelivered sweep to finish and its digests to be sent",
        )
    finally:
        revived.stop()

    sent = mailbox.sent("reminders:")
    assert sorted(m["to"] for m in sent) == sorted(manager_of(p).email for p in waits)
    assert len({m["key"] for m in sent}) == 4
    assert Reminder.objects.count() == 4


def use_broker(url: str) -> None:
    """Point this process's Celery app at another broker. The app keeps two pools
    made from broker_url for its life, and has no public way to drop them. Not
    closed: kombu keeps one pool per broker for the process, to reuse on return."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def private_redis(settings):
    """This process's broker and cache on a Redis of the test's own."""
    server = PrivateRedis().start()
    broker_url = app.conf.broker_url
    use_broker(server.url)
    settings.CACHES = {"default": redis_cache(server.url, "portal-test")}
    yield server
    server.stop()
    use_broker(broker_url)


def test_with_redis_stopped_sign_off_goes_on_and_the_mail_follows_when_it_is_back(
    org, make_post, mailbox, private_redis
):
    worker = Worker(app, "outage", mailbox=mailbox, redis_url=private_redis.url).start()
    try:
        private_redis.stop()

        post = make_post(org.author)
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )
        post.refresh_from_db()
        assert post.status == PostStatus.APPROVED
        queued = sorted(OutboxMessage.objects.values_list("key", flat=True))
        assert queued == sorted(
            [
                f"waiting:{post.current_version_id}:line_manager:{org.manager.pk}",
                f"waiting:{post.current_version_id}:line_manager:{org.deputy.pk}",
                f"decided:{post.current_version.decisions.get().pk}",
            ]
        )
        assert not OutboxMessage.objects.filter(sent_at__isnull=False).exists()

        private_redis.start()
        # What beat does every minute, once it can reach Redis again.
        relay_outbox.delay()
        wait_until(all_sent, what="the outbox to be sent after the outage")
    finally:
        worker.stop()

    assert sorted(m["key"] for m in mailbox.sent()) == queued
