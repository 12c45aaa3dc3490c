"""Mail always moves: a message that cannot be sent waits longer before each
attempt, never holds up the rest, and after a bounded number of attempts is
marked failed, with the reason, for an admin to see in the Wagtail admin and
retry. The relay runs for real, on the tests' locmem e-mail backend; the
message that cannot be sent is one a name with a line break in it used to
make, inserted straight into the outbox as legacy data."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approvals.mail.outbox import RELAY_TASK, kick_relay, queue_email
from approvals.models import AuditAction, AuditEvent, OutboxMessage
from portal.celery import app
from tests.approvals.admin.test_admin import with_admin_access

pytestmark = pytest.mark.django_db

# After attempt n the relay waits 2**n minutes, at most an hour.
BACKOFF_MINUTES = [2, 4, 8, 16, 32, 60, 60]


@pytest.fixture
def unsendable():
    """A notice whose subject carries an author's name with a line break in it."""
    return OutboxMessage.objects.create(
        key="waiting:legacy",
        to="manager@example.gov.uk",
        subject="An official post by Amir\nBcc: everyone@example.gov.uk waits for your sign-off",
        body="A post waits.",
        created_at=timezone.now() - timedelta(minutes=5),
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )


def relay():
    call_command("relay_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115


def make_due(message):
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_an_unsendable_message_backs_off_gives_up_and_holds_up_nothing(unsendable):
    for attempt, minutes in enumerate(BACKOFF_MINUTES, start=1):
        queue_email(key=f"ok:{attempt}", to=f"p{attempt}@example.gov.uk", subject="Hi", body="")
        before = timezone.now()
        relay()
        after = timezone.now()
        unsendable.refresh_from_db()
        assert unsendable.attempts == attempt
        assert unsendable.failed_at is None
        assert unsendable.last_error.startswith("BadHeaderError: Header values can't contain")
        wait = timedelta(minutes=minutes)
        assert before + wait <= unsendable.next_attempt_at <= after + wait
        # The others went, in the same run, although the older message failed first.
        assert len(mail.outbox) == attempt
        # Not due yet: a relay now leaves it alone.
        relay()
        unsendable.refresh_from_db()
        assert unsendable.attempts == attempt
        make_due(unsendable)

    before = timezone.now()
    relay()
    unsendable.refresh_from_db()
    assert unsendable.attempts == 8
    assert before <= unsendable.failed_at <= timezone.now()
    assert unsendable.status == "Failed"

    make_due(unsendable)
    relay()
    unsendable.refresh_from_db()
    assert unsendable.attempts == 8, "a failed message is not tried again"
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exclude(pk=unsendable.pk)


def test_the_number_of_attempts_is_a_setting(unsendable, settings):
    settings.APPROVALS_OUTBOX_MAX_ATTEMPTS = 2
    relay()
    make_due(unsendable)
    relay()
    unsendable.refresh_from_db()
    assert (unsendable.attempts, unsendable.status) == (2, "Failed")


@pytest.fixture
def failed(unsendable):
    OutboxMessage.objects.filter(pk=unsendable.pk).update(
        attempts=8,
        failed_at=timezone.now(),
        last_error="BadHeaderError: Header values can't contain newlines",
    )
    unsendable.refresh_from_db()
    return unsendable


@pytest.fixture
def admin_client(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.superuser)
    return client


def outbox_url(name, *args):
    return reverse(f"signoff_outbox:{name}", args=args)


def csrf_token(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_an_admin_sees_failed_mail_with_its_reason(admin_client, failed):
    queue_email(key="ok:waiting", to="waiting@example.gov.uk", subject="Still waiting", body="")
    listing = admin_client.get(outbox_url("index"), {"status": "failed"}).content.decode()
    assert "Amir\nBcc: everyone@example.gov.uk waits for your sign-off" in listing
    assert "manager@example.gov.uk" in listing
    assert "BadHeaderError: Header values can&#x27;t contain newlines" in listing
    assert "Still waiting" not in listing
    assert "Next attempt" in listing
    assert outbox_url("retry", failed.pk) in listing

    waiting = admin_client.get(outbox_url("index"), {"status": "waiting"}).content.decode()
    assert "Still waiting" in waiting and "waiting@example.gov.uk" in waiting
    assert "waits for your sign-off" not in waiting

    inspect = admin_client.get(outbox_url("inspect", failed.pk)).content.decode()
    assert "BadHeaderError" in inspect and outbox_url("retry", failed.pk) in inspect


def test_an_admin_retries_a_failed_message_and_it_goes_once_mended(admin_client, org, failed):
    # The legacy subject is mended in the database; the admin then sends it again.
    OutboxMessage.objects.filter(pk=failed.pk).update(
        subject="An official post by Amir Khan waits for your sign-off"
    )
    page = admin_client.get(outbox_url("retry", failed.pk)).content.decode()
    assert "it has had 8" in page
    before = timezone.now()
    response = admin_client.post(
        outbox_url("retry", failed.pk), {"csrfmiddlewaretoken": csrf_token(page)}, follow=True
    )
    assert "Sending again:" in response.content.decode()
    failed.refresh_from_db()
    assert (failed.attempts, failed.failed_at, failed.status) == (0, None, "Waiting")
    assert before <= failed.next_attempt_at <= timezone.now()
    event = AuditEvent.objects.get(action=AuditAction.EMAIL_RETRIED)
    assert event.actor == org.superuser
    assert "manager@example.gov.uk" in event.comment

    relay()
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert [m.subject for m in mail.outbox] == [
        "An official post by Amir Khan waits for your sign-off"
    ]


def test_a_retry_without_the_csrf_token_is_refused(admin_client, failed):
    response = admin_client.post(outbox_url("retry", failed.pk))
    assert response.status_code == 403
    failed.refresh_from_db()
    assert (failed.attempts, failed.status) == (8, "Failed")
    assert not AuditEvent.objects.exists()


def test_a_sent_message_is_not_sent_again(admin_client, failed):
    OutboxMessage.objects.filter(pk=failed.pk).update(sent_at=timezone.now(), failed_at=None)
    page = admin_client.get(outbox_url("retry", failed.pk)).content.decode()
    assert "This message was sent on" in page
    index = admin_client.get(outbox_url("index")).content.decode()
    assert outbox_url("retry", failed.pk) not in index
    token = admin_client.cookies["csrftoken"].value
    response = admin_client.post(
        outbox_url("retry", failed.pk), {"csrfmiddlewaretoken": token}, follow=True
    )
    assert "Already sent:" in response.content.decode()
    failed.refresh_from_db()
    assert failed.attempts == 8
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("admin_access", [False, True])
def test_someone_who_is_not_an_admin_gets_nothing(client, org, failed, admin_access):
    person = with_admin_access(org.press) if admin_access else org.press
    client.force_login(person)
    for page in [outbox_url("index"), outbox_url("inspect", failed.pk), outbox_url("retry", 1)]:
        response = client.get(page, {"status": "failed"})
        assert response.status_code in {302, 404}, page
        assert "BadHeaderError" not in response.content.decode()
        assert "manager@example.gov.uk" not in response.content.decode()
    client.post(outbox_url("retry", failed.pk))
    failed.refresh_from_db()
    assert (failed.attempts, failed.status) == (8, "Failed")
    assert not AuditEvent.objects.exists()


def test_the_relay_is_queued_by_the_name_of_a_registered_task(monkeypatch):
    sent = []
    monkeypatch.setattr(
        app.amqp, "send_task_message", lambda producer, name, *args, **kwargs: sent.append(name)
    )
    kick_relay()
    assert sent == [RELAY_TASK] and RELAY_TASK in app.tasks
