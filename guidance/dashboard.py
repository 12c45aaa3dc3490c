"""What the home page asks of a reader: to confirm the principles again once
they have changed. Someone who has never confirmed is asked when they submit
a post, not on every visit: reading comes first."""

from django.urls import reverse
from django.utils.dateformat import format as format_date

from guidance import selectors
from portal.caching import generations
from portal.caching.invalidation import CONFIRMATIONS
from portal.dashboard import Task

# A safety net only: every confirmation, and every new version, drops it.
KEPT_SECONDS = 60 * 60


def confirmation_due(request) -> list[Task]:
    user = request.user
    status = generations.remember(
        CONFIRMATIONS,
        f"guidance:confirmation-status:{user.pk}",
        lambda: selectors.acknowledgement_status(user),
        KEPT_SECONDS,
    )
    if status.never_acknowledged or status.is_current:
        return []
    changed = f" on {format_date(status.changed_at, 'j F')}" if status.changed_at else ""
    return [
        Task(
            f"The principles changed{changed}: read them and confirm again",
            reverse("guidance:acknowledgement"),
        )
    ]
