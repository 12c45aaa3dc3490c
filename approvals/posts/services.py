"""Every change to a post: saving, submitting, deciding, withdrawing and recording where it
went out. Each runs in one transaction, re-checks permission on the locked rows, writes the
audit trail and queues its notifications in the same transaction."""

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from approvals import routing
from approvals.authority import selectors
from approvals.errors import AlreadyDecided, ApprovalError, EssentialOnly, NotAllowed
from approvals.mail import notifications
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    DecisionAuthority,
    Outcome,
    Post,
    PostStatus,
    PostVersion,
    StaffProfile,
    Stage,
    VersionSeen,
)
from approvals.notices import about_posts
from approvals.periods import coverage
from approvals.posts import permissions, threads, turnaround
from approvals.posts.checks.images import image_findings
from approvals.posts.images import parts as image_parts
from approvals.posts.images import selectors as image_selectors
from approvals.posts.images import versions as image_versions


def _audit(**fields) -> AuditEvent:
    return AuditEvent.objects.create(**fields)


def _locked_post(post_id: int) -> Post:
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("author", "department", "current_version")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise NotAllowed("Post not found.")
    return post


def findings_for(post: Post) -> list[dict]:
    """The checks' findings on ``post`` as it stands, as its ``findings`` keep them."""
    return [
        asdict(finding)
        for finding in threads.check_thread(
            parts=threads.parts_of(post),
            channel=post.channel,
            link=post.link,
            department_names=post.department.names_for_disclosure(),
            account=post.account,
        )
    ] + [
        asdict(finding)
        for finding in image_findings(
            text=post.text,
            further_parts=post.further_parts,
            channel=post.channel,
            images=image_selectors.images_seen(post),
        )
    ]


@transaction.atomic
def save_draft(
    *,
    author,
    post_id: int | None = None,
    channel: str,
    account: str,
    text: str,
    further_parts: Sequence[str] = (),
    part_origins: Sequence[int | None] | None = None,
    link: str,
    publish_at: datetime,
) -> Post:
    """Create a draft or change one. Changing an approved or held post takes it
    back to draft: what goes out must be what was approved. ``further_parts`` are a
    thread's parts after the first, ``text``; ``part_origins`` says which saved part each
    part was (None for a new one), so that the images follow their parts
    (``images.parts.follow_parts``); without it each part is the one saved in its place."""
    refused = threads.refusal(channel, 1 + len(further_parts))
    if refused:
        raise ApprovalError(f"{refused}.")
    if post_id is None:
        profile = StaffProfile.objects.select_related("department").filter(user=author).first()
        if profile is None:
            raise ApprovalError(
                "Your account has no department or job title yet. Ask an administrator to add them."
            )
        post = Post(
            author=author,
            department=profile.department,
            disclosed_position=profile.disclosed_position,
        )
    else:
        post = _locked_post(post_id)
        if not permissions.may_edit(author, post):
            raise NotAllowed("You cannot change this post.")
        if post.status in {PostStatus.APPROVED, PostStatus.HELD}:
            post.status = PostStatus.DRAFT
            post.stage = ""
    post.channel = channel
    post.account = account
    post.text = text
    post.further_parts = list(further_parts)
    if post.pk is not None:
        image_parts.follow_parts(
            post,
            range(1 + len(further_parts)) if part_origins is None else part_origins,
        )
    post.link = link
    post.publish_at = publish_at
    post.findings = findings_for(post)
    post.save()
    return post


def _first_stage(post: Post) -> str:
    has_manager = routing.active_line_manager(post.author_id) is not None
    return routing.first_stage(has_line_manager=has_manager)


def _in_sensitive_period(post: Post, *, pre_authorise: bool, essential_reason: str) -> None:
    """A post due to go out in a sensitive period covering its department goes
    only as essential, with a reason, and never as pre-authorised."""
    cover = coverage.covering(post.department_id, post.publish_at)
    if cover is None:
        post.essential = False
        post.essential_reason = ""
        post.essential_for_id = None
        return
    when = f"{timezone.localtime(post.publish_at):%-d %B %Y at %-I:%M%p}".replace(":00", "")
    if pre_authorise:
        raise ApprovalError(
            f"It is due to go out on {when}, during {cover.name}. Publishing without approval "
            "does not apply in a sensitive period: submit it as essential, or choose a time "
            "after the period."
        )
    if not essential_reason.strip():
        raise EssentialOnly(
            f"It is due to go out on {when}, during {cover.name}, when only essential posts "
            "go out. Say why it is essential, or choose a time after the period."
        )
    post.essential = True
    post.essential_reason = essential_reason.strip()
    post.essential_for_id = cover.id


@transaction.atomic
def submit_post(
    *, post_id: int, author, pre_authorise: bool = False, essential_reason: str = ""
) -> Post:
    """Freeze a version, check it and send it to its first approver, or record it
    as pre-authorised when the author holds publish-without-approval. In a
    sensitive period it goes only as essential (see ``_in_sensitive_period``)."""
    post = _locked_post(post_id)
    if post.author_id != author.pk or not author.is_active:
        raise NotAllowed("You cannot submit this post.")
    if post.status not in permissions.SUBMITTABLE:
        raise ApprovalError("This post has already been submitted.")
    if post.publish_at <= timezone.now():
        raise ApprovalError("The time it should go out has passed. Choose a new time.")
    if pre_authorise and not permissions.may_pre_authorise(author, post):
        raise NotAllowed("You do not hold authority to publish without approval.")
    _in_sensitive_period(post, pre_authorise=pre_authorise, essential_reason=essential_reason)

    now = timezone.now()
    number = (post.current_version.number if post.current_version else 0) + 1
    # Checked again rather than copied from the draft: the department's names may
    # have changed since it was saved, and the version keeps what the approver saw.
    post.findings = findings_for(post)
    version = PostVersion.frozen_from(post, number=number, findings=post.findings, created_at=now)
    version.save(force_insert=True)
    image_versions.freeze(post, version)
    post.current_version = version
    post.submitted_at = now
    post.pre_authorised = pre_authorise
    if pre_authorise:
        post.status = PostStatus.APPROVED
        post.stage = ""
        post.save()
        _audit(actor=author, action=AuditAction.PRE_AUTHORISED, post=post, version=version)
        return post
    post.status = PostStatus.SUBMITTED
    post.stage = _first_stage(post)
    post.save()
    _audit(
        actor=author,
        action=AuditAction.SUBMITTED,
        post=post,
        version=version,
        comment=f"Essential in a sensitive period: {post.essential_reason}"
        if post.essential
        else "",
    )
    _tell_waiting(post)
    return post


def _tell_waiting(post: Post) -> None:
    """By e-mail and in the portal: the post waits for them."""
    approvers = routing.approvers_of(post)
    notifications.post_waiting(post, approvers)
    about_posts.post_waiting(post, approvers)


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
    post = _locked_post(post_id)
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
    _audit(
        actor=user,
        action=_OUTCOME_AUDIT[Outcome(outcome)],
        post=post,
        version=version,
        comment=reason,
    )
    notifications.post_decided(post, decision)
    about_posts.post_decided(post, decision)
    if following:
        _tell_waiting(post)
    return decision


@transaction.atomic
def withdraw_post(*, post_id: int, author, reason: str = "") -> Post:
    post = _locked_post(post_id)
    if not permissions.may_withdraw(author, post):
        raise NotAllowed("You cannot withdraw this post.")
    post.status = PostStatus.WITHDRAWN
    post.stage = ""
    post.save(update_fields=["status", "stage", "updated_at"])
    _audit(
        actor=author,
        action=AuditAction.WITHDRAWN,
        post=post,
        version=post.current_version,
        comment=reason.strip(),
    )
    return post


@transaction.atomic
def record_publication(*, post_id: int, author, url: str) -> Post:
    post = _locked_post(post_id)
    if not permissions.may_record_publication(author, post):
        raise NotAllowed("You cannot record publication of this post.")
    if not url.startswith("https://"):
        raise ApprovalError("Enter the address where it was published, starting https://")
    post.status = PostStatus.PUBLISHED
    post.published_url = url
    post.published_at = timezone.now()
    post.save(update_fields=["status", "published_url", "published_at", "updated_at"])
    _audit(
        actor=author,
        action=AuditAction.PUBLISHED,
        post=post,
        version=post.current_version,
        comment=url,
    )
    return post


def mark_seen(*, post: Post, user) -> None:
    if post.current_version_id:
        VersionSeen.objects.update_or_create(
            post=post, user=user, defaults={"version_id": post.current_version_id}
        )
