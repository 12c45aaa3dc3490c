"""The register's pages, kept until sign-off next changes.

Everything that changes the register (a decision, a publication, a
withdrawal, an expiry, a hold, a grant or withdrawal of authority) writes the
audit trail, which ends the sign-off generation (portal.caching). Each page
is kept for one person, under the departments whose records they read now,
so that authority withdrawn by any route shows them nothing they no longer
may read; a text search, or a refused filter, is answered afresh.
"""

import hashlib

from django.conf import settings

from approvals.records import permissions, selectors
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF


def page(user, kept_as: str | None, page_number: int, render) -> str:
    if kept_as is None:
        return render()
    reads = ",".join(str(pk) for pk in sorted(permissions.departments(user)))
    scope = hashlib.sha256(reads.encode()).hexdigest()[:16]
    key = f"approvals:register:{user.pk}:{scope}:{kept_as}:{page_number}"
    # Departments are renamed and added with nothing written to the audit
    # trail: kept as briefly as the count of what waits.
    return generations.remember(SIGN_OFF, key, render, settings.APPROVALS_WAITING_COUNT_SECONDS)


def departments_for(user) -> list[tuple[int, str]]:
    """The departments the register can be filtered by, kept as its pages are."""
    return generations.remember(
        SIGN_OFF,
        f"approvals:register:{user.pk}:departments",
        lambda: selectors.departments_for(user),
        settings.APPROVALS_WAITING_COUNT_SECONDS,
    )


def keeps_records(user) -> bool:
    """Whether the navigation offers ``user`` the register: asked on every page,
    so kept as the count of what waits is, and costs no query once kept."""
    if not (user.is_authenticated and user.is_active):
        return False
    return generations.remember(
        SIGN_OFF,
        f"approvals:register:{user.pk}:keeps",
        lambda: permissions.keeps_records(user),
        settings.APPROVALS_WAITING_COUNT_SECONDS,
    )
