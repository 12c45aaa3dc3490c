"""The e-mails of the exception to disclosure: to the line manager when asked, to
the author when decided. Neither carries the reason, which stays behind the page."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

from approvals.mail.outbox import queue_email
from approvals.models import DisclosureException, Post


def _url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def exception_asked(record: DisclosureException, manager_id: int) -> None:
    manager = get_user_model().objects.filter(pk=manager_id, is_active=True).first()
    if manager is None or not manager.email:
        return
    queue_email(
        key=f"non-disclosure-asked:{record.pk}",
        to=manager.email,
        subject=f"{record.asked_by} asks not to disclose their position on a post",
        body=render_to_string(
            "approvals/email/non_disclosure_asked.txt",
            {
                "record": record,
                "manager": manager,
                "link": _url(
                    reverse("approvals:post_non_disclosure_decide", args=[record.post_id])
                ),
            },
        ),
    )


def exception_decided(record: DisclosureException, post: Post) -> None:
    if not post.author.email:
        return
    queue_email(
        key=f"non-disclosure-decided:{record.pk}",
        to=post.author.email,
        subject="Not disclosing your position: "
        + ("agreed" if record.status == "agreed" else "refused"),
        body=render_to_string(
            "approvals/email/non_disclosure_decided.txt",
            {
                "record": record,
                "post": post,
                "link": _url(reverse("approvals:post", args=[post.pk])),
            },
        ),
    )
