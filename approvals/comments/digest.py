"""The e-mail telling each person of new comments: at most one a quarter-hour.

A person's first unread comment opens a quarter-hour; when it has passed,
one e-mail lists every comment they have not read since (in the portal or in
an earlier e-mail). So two comments within a quarter-hour make one e-mail,
and the next can go no sooner than a quarter-hour after it. Comments they
have already opened in the portal are left out. The periodic task
``approvals.tasks.send_comment_digests`` runs it every minute.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from approvals.mail import notifications
from approvals.models import Notice, NoticeKind

QUARTER_HOUR = timedelta(minutes=15)


def _unmailed():
    return Notice.objects.filter(
        kind=NoticeKind.COMMENT, mailed_at__isnull=True, read_at__isnull=True
    )


def due(*, now: datetime) -> list[int]:
    """Who is owed a digest at ``now``: one query."""
    return list(
        _unmailed()
        .values("recipient")
        .annotate(oldest=Min("created_at"))
        .filter(oldest__lte=now - QUARTER_HOUR)
        .values_list("recipient", flat=True)
    )


def send_due(*, now: datetime | None = None) -> int:
    """Queue each digest due at ``now`` in the outbox; returns how many."""
    now = now or timezone.now()
    sent = 0
    for recipient_id in due(now=now):
        sent += _send_to(recipient_id, now=now)
    return sent


@transaction.atomic
def _send_to(recipient_id: int, *, now: datetime) -> int:
    # Locked, and skipped if another run holds them: a digest is written once.
    notices = list(
        _unmailed()
        .select_for_update(skip_locked=True, of=("self",))
        .filter(recipient_id=recipient_id, created_at__lte=now)
        .select_related("comment__author", "post")
        .order_by("created_at", "pk")
    )
    if not notices:
        return 0
    recipient = get_user_model().objects.get(pk=recipient_id)
    if recipient.is_active:
        notifications.comments_digest(recipient, notices)
    Notice.objects.filter(pk__in=[notice.pk for notice in notices]).update(mailed_at=now)
    return 1
