"""The e-mails advice requests send, queued in the outbox in the caller's
transaction. They say who asked and where to answer, and what the answer was,
but carry none of what was asked: that stays behind the request's page."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from approvals.mail.outbox import queue_email
from approvals.models import AdviceRequest, OutboxMessage


def _url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def advice_link(request_id: int) -> str:
    return _url(reverse("approvals:advice", args=[request_id]))


def advice_asked(request: AdviceRequest, people) -> None:
    """Tell the manager asked, and whoever covers them today, that advice is wanted."""
    for person in people:
        if not person.email or not person.is_active:
            continue
        queue_email(
            key=f"advice-asked:{request.pk}:{person.pk}",
            to=person.email,
            subject=f"{request.author} asks for your advice about taking part online",
            body=render_to_string(
                "approvals/email/advice_asked.txt",
                {"request": request, "person": person, "link": advice_link(request.pk)},
            ),
        )


def advice_answered(request: AdviceRequest) -> None:
    author = request.author
    if not author.email:
        return
    link = (
        _url(reverse("approvals:post", args=[request.post_id]))
        if request.post_id
        else advice_link(request.pk)
    )
    queue_email(
        key=f"advice-answered:{request.pk}",
        to=author.email,
        subject=f"Your request for advice: {request.get_answer_display()}",
        body=render_to_string(
            "approvals/email/advice_answered.txt",
            {"request": request, "link": link, "advice_link": advice_link(request.pk)},
        ),
    )


def advice_digest(*, key: str, person: dict, waiting: list[dict]) -> OutboxMessage:
    """One person's reminder of the advice requests waiting for them, oldest first, unsaved."""
    count = len(waiting)
    subject = (
        "A request for advice waits for your answer"
        if count == 1
        else f"{count} requests for advice wait for your answer"
    )
    return OutboxMessage(
        key=key,
        to=person["email"],
        subject=subject,
        body=render_to_string(
            "approvals/email/advice_reminders.txt",
            {
                "person": person,
                "waiting": waiting,
                "list_link": _url(reverse("approvals:advice_waiting")),
            },
        ),
    )
