"""The e-mails sign-off sends, queued in the outbox inside the caller's transaction."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from approvals.models import Decision, Post
from approvals.outbox import queue_email


def _url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def post_waiting(post: Post, approvers) -> None:
    """Tell each approver of the post's current stage that it waits for them."""
    link = _url(reverse("approvals:decide", args=[post.pk]))
    for approver in approvers:
        if not approver.email:
            continue
        queue_email(
            key=f"waiting:{post.current_version_id}:{post.stage}:{approver.pk}",
            to=approver.email,
            subject=f"An official post by {post.author} waits for your sign-off",
            body=render_to_string(
                "approvals/email/waiting.txt",
                {"post": post, "approver": approver, "link": link},
            ),
        )


def post_decided(post: Post, decision: Decision) -> None:
    if not post.author.email:
        return
    queue_email(
        key=f"decided:{decision.pk}",
        to=post.author.email,
        subject=f"Your proposed post: {decision.get_outcome_display().lower()}"
        if decision.outcome != "approved"
        else "Your proposed post has been approved",
        body=render_to_string(
            "approvals/email/decided.txt",
            {
                "post": post,
                "decision": decision,
                "link": _url(reverse("approvals:post", args=[post.pk])),
            },
        ),
    )
