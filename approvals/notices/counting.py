"""The count beside a person's name on every page, kept in the cache under a
generation of their own (``portal.caching.invalidation.notices_of``), which any
change to their notices ends. Without the cache it is counted every time."""

from django.conf import settings

from approvals.notices import selectors
from portal.caching import generations
from portal.caching.invalidation import notices_of


def counted_for(user) -> generations.Kept | int:
    """The count beside the person's name, as the navigation reads it with the others."""
    if not (user.is_authenticated and user.is_active):
        return 0
    return generations.Kept(
        notices_of(user.pk),
        f"approvals:notices:{user.pk}:unread",
        lambda: selectors.unread_count(user),
        settings.APPROVALS_NOTICES_COUNT_SECONDS,
    )


def unread_for(user) -> int:
    return generations.value(counted_for(user))
