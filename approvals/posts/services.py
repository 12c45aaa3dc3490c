"""Every change an author makes to a post: saving, submitting, withdrawing and recording
where it went out (an approver's decision is ``deciding.decide``). Each runs in one
transaction, re-checks permission on the locked rows, writes the audit trail and queues its
notifications in the same transaction."""

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from approvals import routing
from approvals.errors import ApprovalError, EssentialOnly, NotAllowed
from approvals.mail import notifications
from approvals.models import (
    AuditAction,
    AuditEvent,
    Post,
    PostStatus,
    PostVersion,
    StaffProfile,
    VersionSeen,
)
from approvals.notices import about_posts
from approvals.periods import coverage
from approvals.posts import permissions, threads
from approvals.posts.checks.images import image_findings
from approvals.posts.images import parts as image_parts
from approvals.posts.images import selectors as image_selectors
from approvals.posts.images import versions as image_versions
from approvals.posts.selectors import locked_post


def _audit(**fields) -> AuditEvent:
    return AuditEvent.objects.create(**fields)


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
        post = locked_post(post_id)
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
    post = locked_post(post_id)
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
    tell_waiting(post)
    return post


def tell_waiting(post: Post) -> None:
    """By e-mail and in the portal: the post waits for them."""
    approvers = routing.approvers_of(post)
    notifications.post_waiting(post, approvers)
    about_posts.post_waiting(post, approvers)


@transaction.atomic
def withdraw_post(*, post_id: int, author, reason: str = "") -> Post:
    post = locked_post(post_id)
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
    post = locked_post(post_id)
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
