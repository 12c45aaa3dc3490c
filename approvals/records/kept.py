"""The register's pages, kept until sign-off next changes.

Everything that changes the register (a decision, a publication, a
withdrawal, an expiry, a hold, a grant or withdrawal of authority) writes the
audit trail, which ends the sign-off generation (portal.caching). Each page
is kept for one person, under the departments whose records they read now,
so that authority withdrawn by any route shows them nothing they no longer
may read; a text search, or a refused filter, is answered afresh.
"""

import hashlib

from approvals.records import permissions
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF

# A safety net only: every change to sign-off drops the pages.
KEPT_SECONDS = 60 * 60


def page(user, kept_as: str | None, page_number: int, render) -> str:
    if kept_as is None:
        return render()
    reads = ",".join(str(pk) for pk in sorted(permissions.departments(user)))
    scope = hashlib.sha256(reads.encode()).hexdigest()[:16]
    key = f"approvals:register:{user.pk}:{scope}:{kept_as}:{page_number}"
    return generations.remember(SIGN_OFF, key, render, KEPT_SECONDS)
