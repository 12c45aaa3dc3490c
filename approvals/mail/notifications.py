"""The e-mails sign-off sends, queued in the outbox inside the caller's transaction."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from approvals.mail.outbox import queue_email
from approvals.models import Decision, OutboxMessage, Outcome, Post, PostStatus


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
            post_id=post.pk,
            to=approver.email,
            subject=f"An official post by {post.author} waits for your sign-off",
            body=render_to_string(
                "approvals/email/waiting.txt",
                {"post": post, "approver": approver, "link": link},
            ),
        )


def _decided_subject(post: Post, decision: Decision) -> str:
    """What the decision means for the author, not only what the approver chose:
    the first of two sign-offs leaves the post waiting, not approved."""
    if decision.outcome == Outcome.APPROVED and post.status == PostStatus.SUBMITTED:
        return (
            f"Your proposed post is signed off by your {decision.get_stage_display().lower()} "
            f"and now waits for {post.department}"
        )
    return f"Your proposed post: {decision.outcome_in_words}"


def to_author(post: Post, *, key: str, subject: str, template: str, **context) -> dict:
    """An e-mail to the post's author about it, as ``queue_email``'s arguments (or
    an ``OutboxMessage``'s fields); ``template`` is given the post and ``context``."""
    return {
        "key": key,
        "post_id": post.pk,
        "to": post.author.email,
        "subject": subject,
        "body": render_to_string(template, {"post": post, **context}),
    }


def post_decided(post: Post, decision: Decision) -> None:
    if not post.author.email:
        return
    queue_email(
        **to_author(
            post,
            key=f"decided:{decision.pk}",
            subject=_decided_subject(post, decision),
            template="approvals/email/decided.txt",
            decision=decision,
            link=post_link(post.pk),
        )
    )


def post_expired(post: Post) -> OutboxMessage | None:
    """The author's notice that their post expired, unsaved: expiry queues many at once."""
    if not post.author.email:
        return None
    return OutboxMessage(
        **to_author(
            post,
            key=f"expired:{post.current_version_id}",
            subject="Your proposed post expired before it was signed off",
            template="approvals/email/expired.txt",
            link=post_link(post.pk),
        )
    )


def post_reopened(post: Post, by, reason: str) -> None:
    """An approver has sent an expired post back to its author for a new time."""
    if by.pk == post.author_id or not post.author.email:
        return
    queue_email(
        **to_author(
            post,
            key=f"reopened:{post.current_version_id}",
            subject="Set a new time for your proposed post",
            template="approvals/email/reopened.txt",
            by=by,
            reason=reason,
            link=_url(reverse("approvals:post_edit", args=[post.pk])),
        )
    )


def decide_link(post_id: int) -> str:
    return _url(reverse("approvals:decide", args=[post_id]))


def post_link(post_id: int) -> str:
    return _url(reverse("approvals:post", args=[post_id]))


def _digest_subject(waiting, escalated, own) -> str:
    if waiting:
        urgent = " (urgent)" if any(item["urgent"] for item in waiting) else ""
        if len(waiting) == 1:
            return f"A proposed post waits for your sign-off{urgent}"
        return f"{len(waiting)} proposed posts wait for your sign-off{urgent}"
    if escalated:
        if len(escalated) == 1:
            return "Escalated to you: a proposed post has waited too long for sign-off"
        return (
            f"Escalated to you: {len(escalated)} proposed posts have waited too long for sign-off"
        )
    if len(own) == 1:
        return "Your proposed post has been escalated"
    return f"{len(own)} of your proposed posts have been escalated"


def reminder_digest(*, key: str, person: dict, waiting, escalated, own) -> OutboxMessage:
    """One person's reminders from one sweep, unsaved: what waits for their
    sign-off, what has been escalated to them, and which of their own posts
    were escalated. Each list is oldest first."""
    return OutboxMessage(
        key=key,
        to=person["email"],
        subject=_digest_subject(waiting, escalated, own),
        body=render_to_string(
            "approvals/email/reminders.txt",
            {
                "person": person,
                "waiting": waiting,
                "escalated": escalated,
                "own": own,
                "queue": _url(reverse("approvals:queue")),
            },
        ),
    )


def comments_digest(recipient, notices) -> None:
    """New comments since the last digest, by whom, on what and where to read
    them; not their words, which may be withdrawn and stay in the portal."""
    if not recipient.email:
        return
    count = len(notices)
    queue_email(
        key=f"comments:{recipient.pk}:{notices[-1].pk}",
        to=recipient.email,
        subject=f"{count} new comment{'' if count == 1 else 's'} on official posts",
        body=render_to_string(
            "approvals/email/comments_digest.txt",
            {
                "recipient": recipient,
                "comments": [(notice, _url(notice.url)) for notice in notices],
                "count": count,
                "notices": _url(reverse("approvals:notices")),
            },
        ),
    )
