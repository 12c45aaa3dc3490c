"""An approver's decision on the version of a post they saw: recorded under the authority
they hold at its step, it moves the post on to its next step, approves it, or sends it back to
its author. Like the author's changes (``services``), it runs in one transaction on the locked
post, writes the audit trail and queues its notifications in the same transaction."""

from django.db import transaction
from django.utils import timezone

from approvals import routing
from approvals.authority import selectors
from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.mail import notifications
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    DecisionAuthority,
    Outcome,
    Post,
    PostStatus,
    Stage,
)
from approvals.notices import about_posts
from approvals.posts import services, turnaround
from approvals.posts.selectors import locked_post


def _next_stage(post: Post) -> str | None:
    findings = post.current_version.findings if post.current_version else []
    return routing.next_stage(
        post.stage,
        department=post.department,
        findings=findings,
        essential=post.essential,
    )


def _why_not_waiting(post: Post, version_id: int) -> str:
    latest = (
        Decision.objects.filter(version_id=version_id, version__post=post)
        .select_related("decided_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is not None and not (
        post.status == PostStatus.SUBMITTED and post.current_version_id == version_id
    ):
        return f"{latest.decided_by} has already decided this post ({latest.outcome_in_words})."
    if post.status == PostStatus.WITHDRAWN:
        return "The author has withdrawn this post."
    if post.status == PostStatus.EXPIRED:
        return "This post has expired: the time it should go out has passed."
    if post.status == PostStatus.HELD:
        return "This post is held: it is due to go out in a sensitive period."
    return "The author has changed this post since you opened it. Open it again to see it."


_OUTCOME_AUDIT = {
    Outcome.APPROVED: AuditAction.APPROVED,
    Outcome.CHANGES_REQUESTED: AuditAction.CHANGES_REQUESTED,
    Outcome.REJECTED: AuditAction.REJECTED,
}


def _authority_of(user, route: routing.Route) -> str:
    """Under which authority ``user``, who may decide, decides at the post's step."""
    if route.stage == Stage.LINE_MANAGER:
        if user.pk == route.line_manager:
            return DecisionAuthority.LINE_MANAGER
        return DecisionAuthority.COVER
    return DecisionAuthority(route.stage)


@transaction.atomic
def decide(*, post_id: int, version_id: int, user, outcome: str, reason: str = "") -> Decision:
    """Record one decision on the version the approver saw. The post row is
    locked first, so of two approvers deciding at once the second finds the
    post already decided and changes nothing."""
    post = locked_post(post_id)
    version = post.current_version
    if post.status != PostStatus.SUBMITTED or version is None or version.pk != version_id:
        raise AlreadyDecided(
            _why_not_waiting(post, version_id) + " Your decision was not recorded."
        )
    signed = Decision.objects.filter(version=version, decided_by=user).exists()
    route = routing.route_of(
        post,
        line_manager=selectors.line_manager_id(post.author),
        signed={user.pk} if signed else (),
    )
    if not routing.may_decide(user, route):
        if signed and routing.signs_off(user, route):
            raise ApprovalError(
                "You have already approved this version. The second sign-off must come from "
                "someone else."
            )
        raise NotAllowed("You cannot decide this post.")
    reason = reason.strip()
    if outcome != Outcome.APPROVED and not reason:
        raise ApprovalError("Give a reason, so the author knows what to do.")
    if outcome == Outcome.APPROVED and post.publish_at <= timezone.now():
        raise ApprovalError(
            "The time this post should go out has passed, so it cannot be approved. "
            "Request changes and ask the author to set a new time."
        )

    following = _next_stage(post) if outcome == Outcome.APPROVED else None
    now = timezone.now()
    waits = turnaround.waited(version, Decision.objects.filter(version=version), decided_at=now)
    decision = Decision.objects.create(
        version=version,
        stage=post.stage,
        authority=_authority_of(user, route),
        outcome=outcome,
        decided_by=user,
        reason=reason,
        created_at=now,
        **turnaround.kept(waits, ends_sign_off=following is None),
    )
    if following:
        post.stage = following
    elif outcome == Outcome.APPROVED:
        post.status = PostStatus.APPROVED
        post.stage = ""
    elif outcome == Outcome.CHANGES_REQUESTED:
        post.status = PostStatus.CHANGES_REQUESTED
        post.stage = ""
    else:
        post.status = PostStatus.REJECTED
        post.stage = ""
    post.save(update_fields=["status", "stage", "updated_at"])
    AuditEvent.objects.create(
        actor=user,
        action=_OUTCOME_AUDIT[Outcome(outcome)],
        post=post,
        version=version,
        comment=reason,
    )
    notifications.post_decided(post, decision)
    about_posts.post_decided(post, decision)
    if following:
        services.tell_waiting(post)
    return decision
