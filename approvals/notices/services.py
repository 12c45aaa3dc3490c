"""Writing notices and marking them read; each inside the caller's transaction."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from approvals.errors import NotAllowed
from approvals.models import Notice, Post
from portal.caching.invalidation import bulk_changed

SUMMARY_MAX = 300


def notify(recipient, *, kind: str, summary: str, url: str, post: Post | None = None) -> Notice:
    """Tell ``recipient`` that something changed for them: ``summary`` is the
    line on their notices page, ``url`` the portal path opening it goes to."""
    return Notice.objects.create(
        recipient=recipient, kind=kind, summary=summary[:SUMMARY_MAX], url=url, post=post
    )


def notify_many(recipients: Iterable, *, kind: str, summary: str, url: str, **about) -> list:
    """``notify`` for several people at once, in one query; ``about`` may name
    the ``post`` and the ``comment``. Nobody is told twice."""
    seen: set[int] = set()
    notices = []
    for recipient in recipients:
        if recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        notices.append(
            Notice(recipient=recipient, kind=kind, summary=summary[:SUMMARY_MAX], url=url, **about)
        )
    created = Notice.objects.bulk_create(notices)
    # Bulk writes send no post_save: the cached counts are dropped here instead.
    bulk_changed.send(sender=Notice, instances=created)
    return created


@transaction.atomic
def open_notice(*, notice_id: int, user) -> Notice:
    """The person's own notice, marked read (the first time it is opened)."""
    notice = Notice.objects.select_for_update().filter(pk=notice_id, recipient=user).first()
    if notice is None or not user.is_active:
        raise NotAllowed("Notice not found.")
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice
