"""Posts whose publication time passed before they were signed off.

Such a post expires: nobody can approve it any more (``deciding.decide``
refuses to approve once the time has passed, and to decide at all once it
has expired), and its author is told. It goes back to the author to set a
new time at the author's own request, or at the request of someone who
could have signed it off at the step where it expired.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from approvals import routing
from approvals.authority import selectors
from approvals.errors import ApprovalError, NotAllowed
from approvals.mail import notifications
from approvals.mail.outbox import kick_relay
from approvals.models import (
    AuditAction,
    AuditEvent,
    OutboxMessage,
    Post,
    PostStatus,
)
from approvals.posts import permissions
from approvals.posts.selectors import locked_post
from portal.caching.invalidation import bulk_changed


@transaction.atomic
def expire_overdue(*, now: datetime | None = None) -> int:
    """Expire every post still waiting for sign-off whose time has passed; returns
    how many. A fixed number of queries however many expire. A post someone is
    deciding at this moment is locked, so it is left for the next run, when the
    decision will have been refused or the post will no longer be waiting."""
    now = now or timezone.now()
    posts = list(
        Post.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(status=PostStatus.SUBMITTED, publish_at__lte=now)
        .select_related("author")
        .order_by("pk")
    )
    if not posts:
        return 0
    # The stage stays: it says at which step the post expired, and so who may reopen it.
    Post.objects.filter(pk__in=[post.pk for post in posts]).update(
        status=PostStatus.EXPIRED, updated_at=now
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            created_at=now,
            action=AuditAction.EXPIRED,
            post=post,
            version_id=post.current_version_id,
            comment=f"It was to go out {timezone.localtime(post.publish_at):%d %B %Y, %H:%M} "
            f"and was still waiting for the {post.get_stage_display().lower()}.",
        )
        for post in posts
    )
    for post in posts:
        post.status = PostStatus.EXPIRED
    notices = [notice for notice in map(notifications.post_expired, posts) if notice]
    if notices:
        OutboxMessage.objects.bulk_create(notices, ignore_conflicts=True)
        transaction.on_commit(kick_relay)
    bulk_changed.send(sender=AuditEvent)
    bulk_changed.send(sender=Post, instances=posts)
    return len(posts)


def may_reopen_expired(user, post: Post, *, line_manager_id: int | None) -> bool:
    """The author, or whoever could have signed the post off at the step where it expired."""
    if not (user.is_authenticated and user.is_active) or post.status != PostStatus.EXPIRED:
        return False
    return post.author_id == user.pk or routing.signs_off(
        user, routing.route_of(post, line_manager=line_manager_id)
    )


@transaction.atomic
def reopen_expired(*, post_id: int, by, reason: str = "") -> Post:
    """Send an expired post back to its author to set a new time: it becomes
    'changes requested', which the author can edit and submit again."""
    post = locked_post(post_id)
    manager_id = selectors.line_manager_id(post.author)
    if post.status != PostStatus.EXPIRED:
        route = routing.route_of(post, line_manager=manager_id)
        if post.author_id == by.pk or permissions.may_view(by, route):
            raise ApprovalError("This post has not expired.")
        raise NotAllowed("You cannot reopen this post.")
    if not may_reopen_expired(by, post, line_manager_id=manager_id):
        raise NotAllowed("You cannot reopen this post.")
    reason = reason.strip()
    post.status = PostStatus.CHANGES_REQUESTED
    post.stage = ""
    post.save(update_fields=["status", "stage", "updated_at"])
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.CHANGES_REQUESTED,
        post=post,
        version=post.current_version,
        comment=reason or "Set a new time: the time it should have gone out has passed.",
    )
    notifications.post_reopened(post, by, reason)
    return post
