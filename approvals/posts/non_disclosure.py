"""The one exception to disclosing one's position: "exceptional circumstances,
such as a potential threat to personal security".

An author asks, on a post, stating the reason; only their line manager, in
person, agrees or refuses, and either is recorded. A deputy covering the
manager may not, nor a department approver: it is a judgement about the
person, which the guidance leaves to the line manager. Until it is agreed the
disclosure finding stands; once agreed it shows as an agreed exception, with
who agreed and when. The reason is private (``may_read_exception_reason``).

It belongs to the post, not a version (see ``DisclosureException``).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from approvals import routing
from approvals.authority import holdings
from approvals.errors import ApprovalError, NotAllowed
from approvals.mail import disclosure as mail
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Decision,
    DisclosureException,
    ExceptionStatus,
    NoticeKind,
    Post,
    PostStatus,
)
from approvals.notices import services as notices
from approvals.posts.selectors import locked_post

# The guidance's own words, shown where the author asks.
GUIDANCE = (
    "Disclose your position as a representative of your department or agency unless there "
    "are exceptional circumstances, such as a potential threat to personal security."
)

# Once a post is over, there is nothing left to agree.
_OVER = frozenset(
    {PostStatus.PUBLISHED, PostStatus.REJECTED, PostStatus.WITHDRAWN, PostStatus.EXPIRED}
)


def history(post: Post) -> list[DisclosureException]:
    return list(
        DisclosureException.objects.filter(post=post)
        .select_related("asked_by", "decided_by")
        .order_by("asked_at", "pk")
    )


def standing(records: list[DisclosureException]) -> DisclosureException | None:
    """The request still open or the agreement standing, if any (at most one: a constraint)."""
    return next(
        (r for r in records if r.status in {ExceptionStatus.ASKED, ExceptionStatus.AGREED}), None
    )


def agreed(post: Post) -> DisclosureException | None:
    return (
        DisclosureException.objects.filter(post=post, status=ExceptionStatus.AGREED)
        .select_related("decided_by")
        .first()
    )


def waiting_for(user) -> list[int]:
    """The posts whose authors ask ``user``, their line manager, to agree, oldest first."""
    if not (user.is_authenticated and user.is_active):
        return []
    return list(
        DisclosureException.objects.filter(
            status=ExceptionStatus.ASKED,
            post__author__staff_profile__line_manager=user,
        )
        .exclude(post__author=user)
        .order_by("asked_at", "pk")
        .values_list("post_id", flat=True)
    )


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def may_ask(user, post: Post, records: list[DisclosureException]) -> bool:
    return (
        _active(user)
        and post.author_id == user.pk
        and post.status not in _OVER
        and standing(records) is None
    )


def may_decide(user, post: Post, *, line_manager_id: int | None) -> bool:
    """The author's line manager in person: never a deputy, nor a department approver."""
    return _active(user) and user.pk == line_manager_id and user.pk != post.author_id


def may_read_exception_reason(user, post: Post, route: routing.Route) -> bool:
    """The author, their line manager, the post's decision makers (whoever signs
    it off at some step, or has decided a version of it) and the department's
    records officers."""
    if not _active(user):
        return False
    if user.pk in {post.author_id, route.line_manager}:
        return True
    if holdings.holds(user, Authority.VIEW_RECORDS, post.department_id):
        return True
    if route.version is not None and routing.signs_off_at_some_step(user, route):
        return True
    return Decision.objects.filter(version__post=post, decided_by=user).exists()


@transaction.atomic
def ask(*, post_id: int, author, reason: str) -> DisclosureException:
    post = locked_post(post_id)
    if not may_ask(author, post, history(post)):
        raise NotAllowed("You cannot ask for this post.")
    reason = reason.strip()
    if not reason:
        raise ApprovalError("Say why you should not disclose your position")
    manager_id = routing.active_line_manager(post.author_id)
    if manager_id is None:
        raise ApprovalError(
            "You have no line manager recorded, and only your line manager can agree. Ask an "
            "administrator to record them."
        )
    record = DisclosureException.objects.create(post=post, reason=reason, asked_by=author)
    AuditEvent.objects.create(
        actor=author,
        action=AuditAction.NON_DISCLOSURE_ASKED,
        post=post,
        version=post.current_version,
    )
    mail.exception_asked(record, manager_id)
    notices.notify(
        get_user_model().objects.get(pk=manager_id),
        kind=NoticeKind.NON_DISCLOSURE_ASKED,
        summary=f"{author} asks not to disclose their position on a post",
        url=reverse("approvals:post_non_disclosure_decide", args=[post.pk]),
        post=post,
    )
    return record


@transaction.atomic
def decide(*, post_id: int, by, agree: bool, comment: str = "") -> DisclosureException:
    post = locked_post(post_id)
    if not may_decide(by, post, line_manager_id=routing.active_line_manager(post.author_id)):
        raise NotAllowed("Only the author's line manager can decide this.")
    record = (
        DisclosureException.objects.select_for_update()
        .filter(post=post, status=ExceptionStatus.ASKED)
        .first()
    )
    if record is None:
        raise ApprovalError("There is no request waiting: it has already been decided.")
    record.status = ExceptionStatus.AGREED if agree else ExceptionStatus.REFUSED
    record.decided_by = by
    record.decided_at = timezone.now()
    record.comment = comment.strip()
    record.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.NON_DISCLOSURE_AGREED if agree else AuditAction.NON_DISCLOSURE_REFUSED,
        post=post,
        version=post.current_version,
        comment=record.comment,
    )
    mail.exception_decided(record, post)
    notices.notify(
        post.author,
        kind=NoticeKind.NON_DISCLOSURE_DECIDED,
        summary=f"{by} {'agreed' if agree else 'did not agree'} that you need not disclose "
        "your position",
        url=reverse("approvals:post", args=[post.pk]),
        post=post,
    )
    return record


def for_page(user, post: Post, route: routing.Route) -> dict:
    """What a post page shows ``user`` of the exception: the records (their reasons
    only if ``may_read``), the agreement standing, and what ``user`` may do."""
    records = history(post)
    return {
        "records": records,
        "agreed": next((r for r in records if r.status == ExceptionStatus.AGREED), None),
        "may_read": bool(records) and may_read_exception_reason(user, post, route),
        "may_ask": may_ask(user, post, records),
        "may_decide": any(r.status == ExceptionStatus.ASKED for r in records)
        and may_decide(user, post, line_manager_id=route.line_manager),
    }
