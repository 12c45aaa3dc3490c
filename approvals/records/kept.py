"""The register's pages, kept until sign-off next changes.

Everything that changes the register or who may read it (a decision, a
publication, a withdrawal, an expiry, a hold, a grant or withdrawal of
authority, which the admin too makes only through the services) writes the
audit trail, which ends the sign-off generation (portal.caching), as it ends
the queue's. Each page is kept for one person, and for at most
``APPROVALS_WAITING_COUNT_SECONDS``, as departments are renamed and added
with nothing written; a text search, or a refused filter, is answered afresh.
"""

from django.conf import settings

from approvals.records import permissions, selectors
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF


def page(user, kept_as: str | None, page_number: int, render) -> str:
    if kept_as is None:
        return render()
    key = f"approvals:register:{user.pk}:{kept_as}:{page_number}"
    return generations.remember(SIGN_OFF, key, render, settings.APPROVALS_WAITING_COUNT_SECONDS)


def departments_for(user) -> list[tuple[int, str]]:
    """The departments the register can be filtered by, kept as its pages are."""
    return generations.remember(
        SIGN_OFF,
        f"approvals:register:{user.pk}:departments",
        lambda: selectors.departments_for(user),
        settings.APPROVALS_WAITING_COUNT_SECONDS,
    )


def offered(user) -> generations.Kept | bool:
    """Whether the navigation offers ``user`` the register: asked on every page,
    so kept as the count of what waits is, and read with it."""
    if not (user.is_authenticated and user.is_active):
        return False
    return generations.Kept(
        SIGN_OFF,
        f"approvals:register:{user.pk}:keeps",
        lambda: permissions.keeps_records(user),
        settings.APPROVALS_WAITING_COUNT_SECONDS,
    )


def keeps_records(user) -> bool:
    return generations.value(offered(user))
