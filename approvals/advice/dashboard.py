"""What the home page shows of advice: requests waiting for the person's answer,
among what else waits for them. The way to ask is on the home page itself."""

from django.conf import settings
from django.urls import reverse

from approvals.advice import selectors
from portal.caching import generations
from portal.caching.invalidation import SIGN_OFF
from portal.dashboard import Task


def count_for(user) -> int:
    """Kept as the sign-off counts are (``posts.waiting``): asking and answering write
    the audit trail, which ends the sign-off generation, and cover starts and ends by
    the date, hence the time limit."""
    if not (user.is_authenticated and user.is_active):
        return 0
    return generations.remember(
        SIGN_OFF,
        f"approvals:advice-waiting:{user.pk}",
        lambda: selectors.count_waiting_for(user),
        settings.APPROVALS_WAITING_COUNT_SECONDS,
    )


def tasks(request) -> list[Task]:
    waiting = count_for(request.user)
    if not waiting:
        return []
    text = (
        "1 request for advice waits for your answer"
        if waiting == 1
        else f"{waiting} requests for advice wait for your answer"
    )
    return [Task(text, reverse("approvals:advice_waiting"))]
