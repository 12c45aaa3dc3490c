"""Sending what the outbox holds.

Each message is claimed, sent and marked in one short transaction, with
``select_for_update(skip_locked=True)`` so that any number of relays (a task
kicked after a commit, the periodic one, a second beat by mistake) never
take the same row. The one window where a message could go twice is a relay
dying after the mail server accepted it and before the commit that records
it: kept to one message wide.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from approvals.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


def queue_email(*, key: str, to: str, subject: str, body: str) -> OutboxMessage | None:
    """Queue an e-mail in the caller's transaction; a key already queued is not queued again."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body}
    )
    if created:
        transaction.on_commit(kick_relay)
    return message if created else None


def kick_relay():
    """Ask a worker to send now. If the broker is down the periodic relay sends later,
    so this never fails the request that queued the mail."""
    from approvals.tasks import relay_outbox

    try:
        relay_outbox.apply_async(retry=False)
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
            .filter(sent_at__isnull=True, next_attempt_at__lte=now)
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
            message.next_attempt_at = now + _backoff(message.attempts)
            message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("Could not send outbox message %s: %s", message.pk, message.last_error)
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
