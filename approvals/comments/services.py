"""Adding, changing and withdrawing comments. Each runs in one transaction,
checks permission on the locked rows, writes the audit trail (which keeps
every wording, so the record never loses what was said) and tells the other
side in the portal; the e-mail digest reads those notices
(``comments.digest``)."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from approvals import routing
from approvals.authority.selectors import line_manager_id
from approvals.comments import permissions
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Comment,
    Decision,
    NoticeKind,
    Post,
)
from approvals.notices import services as notices
from approvals.posts.selectors import locked_post
from approvals.posts.threads import parts_of

GRACE_PASSED = (
    "You can only change a comment in the first 5 minutes after you make it. "
    "Add a reply to say more, or withdraw it"
)
# The same words for someone who does not exist, has left or may not see the
# post: the refusal tells nothing about who works here or what they may see.
CANNOT_TELL = "You can only tell colleagues who can see this post. Check “{name}”, or remove it"


class CommentRefused(ApprovalError):
    """A comment the rules refuse, with the form field the refusal is about."""


def route_for(post: Post) -> routing.Route:
    """Whose the post is: enough for who takes part, which asks nothing of who signed."""
    return routing.route_of(post, line_manager=line_manager_id(post.author))


def normalised(text: str) -> str:
    """Text as a reader copies it: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _people(ids: Iterable[int]) -> list:
    return list(get_user_model().objects.filter(pk__in=set(ids), is_active=True).order_by("pk"))


def _also_told(post: Post, route: routing.Route, names: Iterable[str]) -> list:
    """The colleagues named to be told, each of whom must be able to see the post."""
    names = [name.strip().lstrip("@") for name in names if name.strip().lstrip("@")]
    found = {
        person.username.casefold(): person
        for person in get_user_model().objects.filter(is_active=True, username__in=names)
    }
    told = []
    for name in names:
        person = found.get(name.casefold())
        if person is None or not permissions.takes_part(person, post, route):
            raise CommentRefused(CANNOT_TELL.format(name=name), field="also_tell")
        told.append(person)
    return told


def _other_side(post: Post, route: routing.Route, commenter) -> list:
    """Who a comment tells: the other side (the author's comment tells who the
    post waits for now, anyone else's tells the author) and whoever has already
    decided or commented on it; each only while they take part."""
    if commenter.pk == post.author_id:
        ids = {person.pk for person in routing.approvers_of(post)}
    else:
        ids = {post.author_id}
    ids.update(Decision.objects.filter(version__post=post).values_list("decided_by_id", flat=True))
    ids.update(Comment.objects.filter(post=post).values_list("author_id", flat=True))
    ids.discard(commenter.pk)
    return [person for person in _people(ids) if permissions.takes_part(person, post, route)]


def comment_url(comment: Comment) -> str:
    return reverse("approvals:post_comments", args=[comment.post_id]) + f"#comment-{comment.pk}"


@transaction.atomic
def add_comment(
    *,
    post_id: int,
    user,
    version_id: int | None,
    text: str,
    quote: str = "",
    reply_to_id: int | None = None,
    also_tell: Iterable[str] = (),
) -> Comment:
    """A comment on the version ``version_id`` (which must be the current one),
    or a reply, which joins the thread of the comment it answers, on its version."""
    post = locked_post(post_id)
    route = route_for(post)
    if not permissions.may_comment(user, post, route):
        raise NotAllowed("You cannot comment on this post.")
    text = text.strip()
    if not text:
        raise CommentRefused("Enter your comment", field="text")
    reply_to = None
    if reply_to_id is not None:
        reply_to = (
            Comment.objects.filter(post=post, pk=reply_to_id).select_related("version").first()
        )
        if reply_to is None:
            raise NotAllowed("Comment not found.")
        if reply_to.reply_to_id is not None:
            reply_to = reply_to.reply_to
        version = reply_to.version
    elif version_id != post.current_version_id:
        raise CommentRefused(
            "The author has submitted a new version since you opened this page. "
            "Read it, then send your comment again"
        )
    else:
        version = post.current_version
    quote = normalised(quote)
    if quote and not any(quote in normalised(part) for part in parts_of(version)):
        raise CommentRefused(
            f"The passage you quote must be copied exactly from version {version.number} "
            "of the post",
            field="quote",
        )
    told = _also_told(post, route, also_tell)
    comment = Comment.objects.create(
        version=version, post=post, reply_to=reply_to, author=user, quote=quote, text=text
    )
    AuditEvent.objects.create(
        actor=user,
        action=AuditAction.COMMENTED,
        post=post,
        version=version,
        comment=f"On “{quote}”: {text}" if quote else text,
    )
    did = "replied to a comment on" if reply_to else "commented on"
    notices.notify_many(
        [*_other_side(post, route, user), *told],
        kind=NoticeKind.COMMENT,
        summary=f"{user} {did} post {post.pk} ({post.get_channel_display()})",
        url=comment_url(comment),
        post=post,
        comment=comment,
    )
    return comment


def _own_comment(comment_id: int, user) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None or comment.author_id != user.pk or not user.is_active:
        raise NotAllowed("Comment not found.")
    return comment


@transaction.atomic
def change_comment(*, comment_id: int, user, text: str) -> Comment:
    """Its writer's second thoughts, in the first five minutes only."""
    comment = _own_comment(comment_id, user)
    if comment.withdrawn:
        raise CommentRefused("You have withdrawn this comment, so it cannot be changed")
    now = timezone.now()
    if not permissions.within_grace(comment, now=now):
        raise CommentRefused(GRACE_PASSED, field="text")
    text = text.strip()
    if not text:
        raise CommentRefused("Enter your comment", field="text")
    if text == comment.text:
        return comment
    comment.text = text
    comment.edited_at = now
    comment.save(update_fields=["text", "edited_at"])
    AuditEvent.objects.create(
        actor=user,
        action=AuditAction.COMMENT_CHANGED,
        post_id=comment.post_id,
        version_id=comment.version_id,
        comment=text,
    )
    return comment


@transaction.atomic
def withdraw_comment(*, comment_id: int, user) -> Comment:
    """Withdrawn, not deleted: others see who withdrew it and when; its words
    stay for its writer and in the audit trail."""
    comment = _own_comment(comment_id, user)
    if comment.withdrawn:
        return comment
    comment.withdrawn_at = timezone.now()
    comment.save(update_fields=["withdrawn_at"])
    AuditEvent.objects.create(
        actor=user,
        action=AuditAction.COMMENT_WITHDRAWN,
        post_id=comment.post_id,
        version_id=comment.version_id,
    )
    return comment
