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

from approvals.posts import selectors
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF


def _remembered(user, name: str, compute):
    key = f"approvals:waiting:{user.pk}:{name}"
    return generations.remember(SIGN_OFF, key, compute, settings.APPROVALS_WAITING_COUNT_SECONDS)


def queue_page(user, page_number: int, render) -> str:
    """A page of the queue as ``render()`` makes it. The date is in its name
    because cover starts and ends with the day, with nothing written."""
    return _remembered(user, f"queue:{timezone.localdate().isoformat()}:{page_number}", render)


def count_for(user) -> int:
    if not (user.is_authenticated and user.is_active):
        return 0
    return _remembered(user, "count", lambda: selectors.count_waiting_for(user))
