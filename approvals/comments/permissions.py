"""Who may comment on a post, and change or withdraw a comment.

Reading a post's comments is reading the post (``posts.permissions.may_view``):
they are part of its record. Commenting is for the people the post is
between: its author and whoever signs it off at one of its steps, by
``routing``'s rule (the line manager, the deputy covering them, the
department's approvers). That is ``signs_off_at_some_step`` rather than
``may_decide``: the line manager can still answer the author while the post is
back with them for changes, or after signing their step off.
"""

from datetime import datetime, timedelta

from approvals import routing
from approvals.models import Comment, Post, PostStatus

# While a post is being signed off; once decided for good, its record is closed.
OPEN = frozenset({PostStatus.SUBMITTED, PostStatus.CHANGES_REQUESTED, PostStatus.HELD})
# A comment may be changed this long after it was made, by whoever made it.
GRACE = timedelta(minutes=5)


def takes_part(person, post: Post, route: routing.Route) -> bool:
    """Whether ``person`` is one of those the post is between."""
    if not (person.is_authenticated and person.is_active):
        return False
    return post.author_id == person.pk or routing.signs_off_at_some_step(person, route)


def may_comment(user, post: Post, route: routing.Route) -> bool:
    return (
        post.current_version_id is not None
        and post.status in OPEN
        and takes_part(user, post, route)
    )


def may_change(user, comment: Comment, *, now: datetime) -> bool:
    return within_grace(comment, now=now) and may_withdraw(user, comment)


def within_grace(comment: Comment, *, now: datetime) -> bool:
    return now - comment.created_at <= GRACE


def may_withdraw(user, comment: Comment) -> bool:
    return user.is_active and comment.author_id == user.pk and not comment.withdrawn
