"""Who may declare, stop, end and release in sensitive periods."""

from approvals.authority.holdings import holds, managed_departments
from approvals.models import Authority, Post, PostStatus

DECLARE = "approvals.add_sensitiveperiod"


def may_declare(user) -> bool:
    """Admins declare periods for any departments (the model permission, which
    superusers hold)."""
    return user.is_authenticated and user.is_active and user.has_perm(DECLARE)


def stoppable_departments(user) -> frozenset[int]:
    """Where ``user`` may stop all posting: the departments they administer
    (superusers and department admins)."""
    return managed_departments(user)


def may_stop_everywhere(user) -> bool:
    return may_declare(user)


def may_release(user, post: Post) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and post.status == PostStatus.HELD
        and post.author_id != user.pk
        and holds(user, Authority.APPROVE_IN_SENSITIVE_PERIODS, post.department_id)
    )
