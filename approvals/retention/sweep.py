"""What the retention schedule makes due, and applying it (the nightly beat task
``approvals.tasks.apply_retention`` and ``manage.py apply_retention``)."""

import calendar
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from approvals.models import AuditAction, AuditEvent, Post, PostStatus, RetentionSchedule
from portal.caching.invalidation import bulk_changed

# Enough to see what a run would do without paging: the admin's list shows this many.
LISTED = 200


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` earlier, or the last day of a shorter month."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class Due:
    schedule: RetentionSchedule
    drafts_before: datetime
    records_before: datetime


def due(now: datetime | None = None) -> Due:
    now = timezone.localtime(now or timezone.now())
    schedule = RetentionSchedule.load()
    return Due(
        schedule=schedule,
        drafts_before=months_before(now, schedule.draft_months),
        records_before=months_before(now, schedule.record_years * 12),
    )


def drafts_due(when: Due) -> QuerySet[Post]:
    """Drafts never submitted and untouched since before the schedule's limit.
    One with any audit event (none is expected) is kept: its record stays whole."""
    return (
        Post.objects.filter(
            status=PostStatus.DRAFT,
            submitted_at__isnull=True,
            current_version__isnull=True,
            updated_at__lt=when.drafts_before,
        )
        .exclude(Exists(AuditEvent.objects.filter(post=OuterRef("pk"))))
        .select_related("author", "department")
        .order_by("updated_at", "pk")
    )


def records_due(when: Due) -> QuerySet[Post]:
    """Records of submitted posts untouched since before the schedule's limit: to
    review, never deleted here."""
    return (
        Post.objects.filter(submitted_at__isnull=False, updated_at__lt=when.records_before)
        .select_related("author", "department")
        .order_by("updated_at", "pk")
    )


@transaction.atomic
def apply(*, now: datetime | None = None) -> int:
    """Delete the drafts due, each with an audit event saying whose it was, where and
    when it was last changed; returns how many. The events name the department and
    the author, not the post, which is gone."""
    when = due(now)
    drafts = list(drafts_due(when).select_for_update(of=("self",), skip_locked=True))
    if not drafts:
        return 0
    AuditEvent.objects.bulk_create(
        AuditEvent(
            action=AuditAction.DRAFT_DELETED,
            department_id=draft.department_id,
            subject_id=draft.author_id,
            comment=f"Draft {draft.pk} ({draft.get_channel_display()}, {draft.account}), "
            f"last changed {timezone.localtime(draft.updated_at):%d %B %Y}, never submitted: "
            f"deleted after {when.schedule.draft_months} months.",
        )
        for draft in drafts
    )
    Post.objects.filter(pk__in=[draft.pk for draft in drafts]).delete()
    bulk_changed.send(sender=AuditEvent)
    return len(drafts)
