"""Sending what the outbox holds.

Each message is claimed, sent and marked in one short transaction, with
``select_for_update(skip_locked=True)`` so that any number of relays (a task
kicked after a commit, the periodic one, a second beat by mistake) never
take the same row. The one window where a message could go twice is a relay
dying after the mail server accepted it and before the commit that records
it: kept to one message wide.

A message that fails waits longer before each attempt (two minutes, four,
eight, … at most an hour), so a mail server that is down is not hammered,
and a message that can never go (a header with a line break in it) does not
hold up the rest. After ``APPROVALS_OUTBOX_MAX_ATTEMPTS`` it is marked
failed, with the error, for an admin to see and retry.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from approvals.errors import NotAllowed
from approvals.models import AuditAction, AuditEvent, OutboxMessage
from portal import background

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
RELAY_TASK = "approvals.tasks.relay_outbox"


def queue_email(
    *, key: str, to: str, subject: str, body: str, post_id: int | None = None
) -> OutboxMessage | None:
    """Queue an e-mail in the caller's transaction, about the post ``post_id`` if
    it is about one; a key already queued is not queued again."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body, "post_id": post_id}
    )
    if created:
        transaction.on_commit(kick_relay)
    return message if created else None


def kick_relay():
    """Ask a worker to send now. If the broker is down the periodic relay sends later,
    so this never fails the request that queued the mail."""
    try:
        background.queue(RELAY_TASK)
    except Exception as error:
        logger.warning(
            "Broker unavailable (%s): the outbox will be sent by the periodic relay.", error
        )


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2**attempts), MAX_BACKOFF)


def send_one() -> bool:
    """Send the oldest due message nobody else holds. False when there is none."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if message is None:
            return False
        try:
            EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.to],
                headers={"X-Portal-Message": message.key},
            ).send()
        except Exception as error:
            message.attempts += 1
            message.last_error = f"{error.__class__.__name__}: {error}"[:2000]
            if message.attempts >= settings.APPROVALS_OUTBOX_MAX_ATTEMPTS:
                message.failed_at = now
                logger.error(
                    "Gave up on outbox message %s after %s attempts: %s",
                    message.pk,
                    message.attempts,
                    message.last_error,
                )
            else:
                message.next_attempt_at = now + _backoff(message.attempts)
                logger.warning(
                    "Could not send outbox message %s: %s", message.pk, message.last_error
                )
            message.save(update_fields=["attempts", "last_error", "next_attempt_at", "failed_at"])
        else:
            message.attempts += 1
            message.sent_at = timezone.now()
            message.save(update_fields=["attempts", "sent_at"])
        return True


def relay(limit: int = 500) -> int:
    """Send up to ``limit`` due messages; returns how many were tried."""
    tried = 0
    while tried < limit and send_one():
        tried += 1
    return tried


@transaction.atomic
def retry(*, message_id: int, by) -> OutboxMessage:
    """An admin sends a failed or waiting message again now, with its attempts
    counted afresh. A message already sent is left alone."""
    if not (by.is_active and by.has_perm("approvals.change_outboxmessage")):
        raise NotAllowed("You cannot retry e-mail.")
    message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
    if message is None:
        raise NotAllowed("Message not found.")
    if message.sent_at is not None:
        return message
    message.attempts = 0
    message.failed_at = None
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["attempts", "failed_at", "next_attempt_at"])
    AuditEvent.objects.create(
        actor=by, action=AuditAction.EMAIL_RETRIED, comment=f"{message} ({message.key})"
    )
    transaction.on_commit(kick_relay)
    return message
