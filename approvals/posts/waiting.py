"""What waits for someone's sign-off: the count on every page, and the pages
of their queue.

Both are ``selectors.waiting_for``, so the count is always what the queue
holds. Each is kept in the cache under the sign-off generation
(portal.caching), which every change to sign-off ends, and for at most
``APPROVALS_WAITING_COUNT_SECONDS``, because cover starts and ends by the
date with nothing written. Without the cache each is worked out every time.
"""

from django.conf import settings
from django.utils import timezone

from approvals import routing
from approvals.posts import non_disclosure, selectors
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF


def _kept(user, name: str, compute) -> generations.Kept:
    key = f"approvals:waiting:{user.pk}:{name}"
    return generations.Kept(SIGN_OFF, key, compute, settings.APPROVALS_WAITING_COUNT_SECONDS)


def _remembered(user, name: str, compute):
    return generations.value(_kept(user, name, compute))


def queue_page(user, kept_as: str | None, page_number: int, render) -> str:
    """A page of the queue as ``render()`` makes it, kept under what its filters
    show (``QueueFilter.kept_as``), or made afresh when they say it must not be
    kept. The date is in its name because cover starts and ends with the day,
    with nothing written."""
    if kept_as is None:
        return render()
    day = timezone.localdate().isoformat()
    return _remembered(user, f"queue:{day}:{kept_as}:{page_number}", render)


def departments_for(user) -> list[tuple[int, str]]:
    """The departments the queue can be filtered by: those of what waits."""
    day = timezone.localdate().isoformat()
    return _remembered(user, f"departments:{day}", lambda: selectors.departments_waiting_for(user))


def counted_for(user) -> generations.Kept | int:
    """The count beside Sign-off, as the navigation reads it with the others."""
    if not (user.is_authenticated and user.is_active):
        return 0
    return _kept(user, "count", lambda: selectors.count_waiting_for(user))


def offered(user) -> generations.Kept | bool:
    """Whether the navigation offers ``user`` Sign-off: to admins, and to whoever
    could sign something off (``routing.signs_off_anything``), not to someone
    nothing could ever wait for. Their queue stays at its address for anyone.
    Asked on every page, so kept as the count is, and read with it."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return _kept(user, "signs-off", lambda: routing.signs_off_anything(user))


def count_for(user) -> int:
    return generations.value(counted_for(user))


def held_for(user) -> int:
    """Held posts ``user`` may release (approvals.periods), kept as the count is."""
    if not (user.is_authenticated and user.is_active):
        return 0
    return _remembered(user, "held", lambda: selectors.count_releasable_by(user))


def non_disclosure_for(user) -> list[int]:
    """Posts whose authors ask ``user``, their line manager, to agree not to disclose
    their position (``non_disclosure.waiting_for``), kept as the count is: asking and
    deciding write the audit trail, which ends the sign-off generation."""
    if not (user.is_authenticated and user.is_active):
        return []
    return _remembered(user, "non-disclosure", lambda: non_disclosure.waiting_for(user))
