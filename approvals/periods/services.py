"""Declaring, changing and ending sensitive periods, stopping posting now, and
holding and releasing the posts they catch. Each runs in one transaction and
writes the audit trail.

A period catches every post due to go out inside it, in a department it
covers, that is waiting for sign-off or approved, unless it was judged
essential for this very period (submitted as essential in it, or released
by it): essential for one period is no judgement about another, and a stop
stops everything. They are held in one bulk operation: two queries to find and lock
them, one to hold them, one for the audit trail, a fixed few to work out whom
to tell and one to queue one e-mail per person, however many posts.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from approvals import routing
from approvals.errors import ApprovalError, NotAllowed
from approvals.mail import holds as hold_mail
from approvals.mail import notifications
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    DecisionAuthority,
    Department,
    Outcome,
    PeriodKind,
    Post,
    PostStatus,
    SensitivePeriod,
    Stage,
)
from approvals.notices import about_posts
from approvals.periods import coverage, permissions
from portal.caching.invalidation import bulk_changed


@dataclass(frozen=True)
class Declared:
    period: SensitivePeriod
    # How many posts it held, now.
    held: int


def _check(starts_at: datetime, ends_at: datetime | None, all_departments: bool, departments):
    if ends_at is not None and ends_at <= starts_at:
        raise ApprovalError("The end must be after the start")
    if not all_departments and not departments:
        raise ApprovalError("Choose the departments it covers, or all departments")


def _audit_period(*, by, action, period, comment="", department=None) -> None:
    AuditEvent.objects.create(
        actor=by, action=action, period=period, department=department, comment=comment
    )


def _describe(period: SensitivePeriod) -> str:
    ends = f"{timezone.localtime(period.ends_at):%d %b %Y %H:%M}" if period.ends_at else "open"
    if period.all_departments:
        cover = "all departments"
    else:
        cover = ", ".join(sorted(d.name for d in period.departments.all())) or "no departments"
    return (
        f"{period.name} ({period.get_kind_display()}): "
        f"{timezone.localtime(period.starts_at):%d %b %Y %H:%M} to {ends}; covers {cover}"
    )


class Asked(TypedDict):
    """A period as declaring or changing one sets it."""

    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    all_departments: bool
    departments: Any
    guidance: NotRequired[str]


def _set(period: SensitivePeriod, asked: Asked) -> None:
    """Sets ``period`` as asked and saves it, with the departments it covers."""
    _check(asked["starts_at"], asked["ends_at"], asked["all_departments"], asked["departments"])
    period.name = asked["name"].strip()
    period.kind = asked["kind"]
    period.starts_at = asked["starts_at"]
    period.ends_at = asked["ends_at"]
    period.all_departments = asked["all_departments"]
    period.guidance = asked.get("guidance", "").strip()
    period.save()
    period.departments.set([] if asked["all_departments"] else asked["departments"])


@transaction.atomic
def declare(*, by, **asked: Unpack[Asked]) -> Declared:
    if not permissions.may_declare(by):
        raise NotAllowed("You cannot declare sensitive periods.")
    period = SensitivePeriod(declared_by=by)
    _set(period, asked)
    _audit_period(
        by=by, action=AuditAction.PERIOD_DECLARED, period=period, comment=_describe(period)
    )
    return Declared(period, hold_caught(period, by=by))


def _locked_period(period_id: int) -> SensitivePeriod:
    period = SensitivePeriod.objects.select_for_update().filter(pk=period_id).first()
    if period is None:
        raise NotAllowed("Period not found.")
    return period


@transaction.atomic
def change(*, by, period_id: int, **asked: Unpack[Asked]) -> Declared:
    """Change a period's times or cover: posts it now catches are held; posts
    held already stay held until someone acts on them."""
    period = _locked_period(period_id)
    if not permissions.may_declare(by):
        raise NotAllowed("You cannot change sensitive periods.")
    before = _describe(period)
    _set(period, asked)
    _audit_period(
        by=by,
        action=AuditAction.PERIOD_CHANGED,
        period=period,
        comment=f"Was: {before}. Now: {_describe(period)}",
    )
    return Declared(period, hold_caught(period, by=by))


def may_end(user, period: SensitivePeriod) -> bool:
    """Admins end any period; a department admin ends a stop covering only
    departments they administer."""
    if permissions.may_declare(user):
        return True
    if period.kind != PeriodKind.INCIDENT or period.all_departments:
        return False
    covered = coverage.cover_of(period).departments or frozenset()
    return bool(covered) and covered <= permissions.stoppable_departments(user)


@transaction.atomic
def end(*, by, period_id: int) -> SensitivePeriod:
    """End a period now. Posts it held stay held until someone acts on them."""
    period = _locked_period(period_id)
    if not may_end(by, period):
        raise NotAllowed("You cannot end this period.")
    now = timezone.now()
    if period.ends_at is not None and period.ends_at <= now:
        raise ApprovalError("This period has already ended")
    period.ends_at = max(now, period.starts_at + timedelta(seconds=1))
    period.save(update_fields=["ends_at", "updated_at"])
    _audit_period(by=by, action=AuditAction.PERIOD_ENDED, period=period, comment=_describe(period))
    return period


@transaction.atomic
def stop_posting(*, by, reason: str, department: Department | None = None) -> Declared:
    """The stop switch: an open-ended incident period from now, for one
    department and its agencies or, for an admin, for all."""
    reason = reason.strip()
    if not reason:
        raise ApprovalError("Say why posting must stop")
    if department is None:
        if not permissions.may_stop_everywhere(by):
            raise NotAllowed("You cannot stop posting for every department.")
    elif department.pk not in permissions.stoppable_departments(by):
        raise NotAllowed("You cannot stop posting for this department.")
    now = timezone.now()
    period = SensitivePeriod.objects.create(
        name=f"Stop on posting in {department}" if department else "Stop on all posting",
        kind=PeriodKind.INCIDENT,
        starts_at=now,
        ends_at=None,
        all_departments=department is None,
        guidance=reason,
        declared_by=by,
    )
    if department is not None:
        period.departments.set([department])
    _audit_period(
        by=by,
        action=AuditAction.POSTING_STOPPED,
        period=period,
        department=department,
        comment=reason,
    )
    return Declared(period, hold_caught(period, by=by))


def hold_caught(period: SensitivePeriod, *, by) -> int:
    """Hold every post the period catches now (see the module's docstring),
    and tell each author and approver once. Returns how many were held."""
    cover = coverage.cover_of(period)
    caught = Post.objects.filter(
        status__in=[PostStatus.SUBMITTED, PostStatus.APPROVED],
        publish_at__gte=cover.starts_at,
    ).exclude(essential_for=period)
    if cover.ends_at is not None:
        caught = caught.filter(publish_at__lt=cover.ends_at)
    if cover.departments is not None:
        caught = caught.filter(department_id__in=cover.departments)
    # Locked first: a decision being made on one of them finishes, or waits,
    # and either way the post ends held.
    rows = list(
        caught.select_for_update(of=("self",)).values(
            *routing.ROUTE_COLUMNS, "publish_at", "channel", "account"
        )
    )
    if not rows:
        return 0
    ids = [row["pk"] for row in rows]
    now = timezone.now()
    Post.objects.filter(pk__in=ids).update(status=PostStatus.HELD, updated_at=now)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            created_at=now,
            actor=by,
            action=AuditAction.HELD,
            post_id=row["pk"],
            version_id=row["current_version_id"],
            department_id=row["department_id"],
            period=period,
            comment=period.name,
        )
        for row in rows
    )
    bulk_changed.send(
        sender=Post, instances=[Post(pk=row["pk"], author_id=row["author_id"]) for row in rows]
    )
    hold_mail.tell_held(period, rows, _approvers_of_held(rows))
    return len(rows)


def _approvers_of_held(rows) -> dict[int, frozenset[int]]:
    """Whom each held post concerned: those it was waiting for, or those who
    had signed it off. A fixed number of queries."""
    waiting = [routing.route_from_row(row) for row in rows if row["status"] == PostStatus.SUBMITTED]
    concerned: defaultdict[int, set[int]] = defaultdict(set)
    if waiting:
        routed = routing.approvers_of_many(waiting, on=timezone.localdate())
        for post_id, people in routed.approvers.items():
            concerned[post_id].update(people)
    signed = Decision.objects.filter(
        version_id__in=[row["current_version_id"] for row in rows if row["current_version_id"]]
    ).values_list("version__post_id", "decided_by_id")
    for post_id, user_id in signed:
        concerned[post_id].add(user_id)
    return {post_id: frozenset(people) for post_id, people in concerned.items()}


def period_that_held(post: Post) -> SensitivePeriod | None:
    """The period that held the post last."""
    event = (
        AuditEvent.objects.filter(post=post, action=AuditAction.HELD, period__isnull=False)
        .select_related("period")
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.period if event else None


@transaction.atomic
def release(*, post_id: int, by, reason: str) -> Post:
    """Release a held post as essential. An approved post goes out as approved;
    one that was waiting goes back to its step and, as essential, takes the
    sensitive-period step after the usual ones."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("author", "department")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not permissions.may_release(by, post):
        raise NotAllowed("You cannot release this post.")
    reason = reason.strip()
    if not reason:
        raise ApprovalError("Say why it is essential that this post goes out")
    if post.publish_at <= timezone.now():
        raise ApprovalError(
            "The time this post should go out has passed. The author must set a new time."
        )
    post.essential = True
    post.essential_reason = reason
    post.essential_for = period_that_held(post)
    post.status = PostStatus.SUBMITTED if post.stage else PostStatus.APPROVED
    post.save(
        update_fields=["essential", "essential_reason", "essential_for", "status", "updated_at"]
    )
    if post.status == PostStatus.APPROVED:
        # Releasing an approved post is its sensitive-period sign-off: the
        # record says who gave it, and under which authority.
        Decision.objects.get_or_create(
            version=post.current_version,
            stage=Stage.SENSITIVE,
            defaults={
                "outcome": Outcome.APPROVED,
                "decided_by": by,
                "reason": reason,
                "authority": DecisionAuthority.SENSITIVE,
            },
        )
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.RELEASED,
        post=post,
        version=post.current_version,
        department=post.department,
        comment=reason,
    )
    hold_mail.tell_released(post, by=by, reason=reason)
    if post.status == PostStatus.SUBMITTED:
        approvers = routing.approvers_of(post)
        notifications.post_waiting(post, approvers)
        about_posts.post_waiting(post, approvers)
    return post
