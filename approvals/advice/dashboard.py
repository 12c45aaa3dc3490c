"""What the home page shows of advice: requests waiting for the person's answer,
among what else waits for them. The way to ask is on the home page itself."""

from django.urls import reverse

from approvals.advice import selectors
from portal.dashboard import Task


def tasks(request) -> list[Task]:
    waiting = selectors.count_waiting_for(request.user)
    if not waiting:
        return []
    text = (
        "1 request for advice waits for your answer"
        if waiting == 1
        else f"{waiting} requests for advice wait for your answer"
    )
    return [Task(text, reverse("approvals:advice_waiting"))]
