"""The one place that answers "may this user act on this post"; who may decide
it is ``approvals.routing``'s rule."""

from approvals import routing
from approvals.authority.holdings import holds
from approvals.models import Authority, Post, PostStatus


def may_view(user, route: routing.Route, *, decided: bool = False) -> bool:
    """Authors see their own posts. Approvers see what has been submitted to them (at
    either step, whichever it waits at) and what they have decided. A draft never
    submitted is the author's alone. Deciding is ``routing.may_decide``."""
    if not (user.is_authenticated and user.is_active):
        return False
    if route.author == user.pk or decided:
        return True
    return route.version is not None and routing.signs_off_at_some_step(user, route)


# A held post may be submitted again as it is: signed off afresh, from the first step.
SUBMITTABLE = frozenset({PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED, PostStatus.HELD})


def may_edit(user, post: Post) -> bool:
    return user.is_active and post.author_id == user.pk and post.is_editable


def may_withdraw(user, post: Post) -> bool:
    return (
        user.is_active
        and post.author_id == user.pk
        and post.status
        in {
            PostStatus.DRAFT,
            PostStatus.SUBMITTED,
            PostStatus.CHANGES_REQUESTED,
            PostStatus.APPROVED,
            PostStatus.HELD,
        }
    )


def may_record_publication(user, post: Post) -> bool:
    return user.is_active and post.author_id == user.pk and post.status == PostStatus.APPROVED


def may_pre_authorise(user, post: Post) -> bool:
    return post.author_id == user.pk and holds(
        user, Authority.PUBLISH_WITHOUT_APPROVAL, post.department_id
    )
