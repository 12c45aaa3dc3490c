"""The notices sign-off leaves, beside its e-mails: a post waiting for someone,
and a decision on an author's post."""

from django.urls import reverse

from approvals.models import Decision, NoticeKind, Post
from approvals.notices import services


def post_waiting(post: Post, approvers) -> None:
    services.notify_many(
        approvers,
        kind=NoticeKind.WAITING,
        summary=f"{post.author}'s post {post.pk} ({post.get_channel_display()}) waits for your "
        "sign-off",
        url=reverse("approvals:decide", args=[post.pk]),
        post=post,
    )


def post_decided(post: Post, decision: Decision) -> None:
    services.notify(
        post.author,
        kind=NoticeKind.DECISION,
        summary=(
            f"{decision.decided_by} decided on your post {post.pk} ({post.get_channel_display()}): "
            f"{decision.outcome_in_words}"
        ),
        url=reverse("approvals:post", args=[post.pk]),
        post=post,
    )
