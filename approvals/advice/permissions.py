"""Who may read and answer an advice request: it is private to the person who
asked, the line manager they asked, and whoever covers that manager today (and
whoever answered it). Everyone else is answered 404."""

from approvals.authority import holdings
from approvals.models import AdviceRequest


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def covers(user, request: AdviceRequest) -> bool:
    """``user`` covers the manager asked, by a delegation in force today."""
    return request.manager_id in holdings.managers_covered_by(user)


def may_answer(user, request: AdviceRequest) -> bool:
    """The manager asked, or their deputy today; never the person asking."""
    if not _active(user) or user.pk == request.author_id or not request.waiting:
        return False
    return user.pk == request.manager_id or covers(user, request)


def may_view(user, request: AdviceRequest) -> bool:
    if not _active(user):
        return False
    if user.pk in {request.author_id, request.manager_id, request.answered_by_id}:
        return True
    return covers(user, request)
