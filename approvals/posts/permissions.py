"""The one place that answers "may this user act on this post"."""

from approvals.authority.holdings import holds, line_manager_stage_approvers
from approvals.models import Authority, Post, PostStatus, Stage


def may_decide(user, post: Post, *, line_manager_id: int | None) -> bool:
    """Whether ``user`` may decide ``post`` at the stage it is waiting at now.

    ``line_manager_id`` is the author's line manager, passed in so that a
    list of posts can be checked without a query per post.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if post.author_id == user.pk or post.status != PostStatus.SUBMITTED:
        return False
    if post.stage == Stage.LINE_MANAGER:
        return line_manager_id is not None and line_manager_id in line_manager_stage_approvers(user)
    if post.stage == Stage.DEPARTMENT:
        return holds(user, Authority.APPROVE_POSTS, post.department_id)
    return False


def may_view(user, post: Post, *, line_manager_id: int | None, decided: bool = False) -> bool:
    """Authors see their own posts. Approvers see what has been submitted to them: as
    the author's line manager or a deputy, or in a department where they hold
    authority, and what they have decided. A draft never submitted is the author's alone."""
    if not (user.is_authenticated and user.is_active):
        return False
    if post.author_id == user.pk or decided:
        return True
    if post.current_version_id is None:
        return False
    return (
        line_manager_id is not None and line_manager_id in line_manager_stage_approvers(user)
    ) or holds(user, Authority.APPROVE_POSTS, post.department_id)


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
        }
    )


def may_record_publication(user, post: Post) -> bool:
    return user.is_active and post.author_id == user.pk and post.status == PostStatus.APPROVED


def may_pre_authorise(user, post: Post) -> bool:
    return post.author_id == user.pk and holds(
        user, Authority.PUBLISH_WITHOUT_APPROVAL, post.department_id
    )
