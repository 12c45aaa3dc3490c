"""What the home page shows of sign-off: posts waiting for the person's
decision, their own posts that need them, and their recent posts.

The author's part is kept under their own generation (portal.caching),
which any change to one of their posts ends; the count waiting for them is
the one the navigation shows."""

from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from approvals.models import PostStatus
from approvals.posts import selectors, waiting
from portal.caching import generations
from portal.caching.invalidation import posts_of
from portal.dashboard import Task

# A safety net only: every change to one of the author's posts drops it.
KEPT_SECONDS = 60 * 60
RECENT = 3


def _posts_with(status: str) -> str:
    return f"{reverse('approvals:posts')}?{urlencode({'status': status})}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _summary(author) -> dict:
    counts = dict(
        selectors.posts_by(author)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    recent = list(selectors.posts_by(author)[:RECENT])
    panel = (
        render_to_string(
            "approvals/includes/dashboard_posts.html",
            {
                "recent": recent,
                "total": sum(counts.values()),
                "drafts": counts.get(PostStatus.DRAFT, 0),
                "drafts_link": _posts_with(PostStatus.DRAFT),
            },
        )
        if recent
        else ""
    )
    # One post that needs its author is a link to that post, not a list of one.
    only = {
        status: selectors.posts_by(author).filter(status=status).values_list("pk", flat=True)[0]
        for status in (PostStatus.CHANGES_REQUESTED, PostStatus.EXPIRED, PostStatus.HELD)
        if counts.get(status) == 1
    }
    return {"counts": counts, "panel": panel, "only": only}


def _kept_summary(user) -> dict:
    return generations.remember(
        posts_of(user.pk),
        f"approvals:dashboard:{user.pk}",
        lambda: _summary(user),
        KEPT_SECONDS,
    )


def tasks(request) -> list[Task]:
    user = request.user
    found = []
    waiting_count = waiting.count_for(user)
    if waiting_count:
        found.append(
            Task(
                _plural(waiting_count, "post waits", "posts wait") + " for your sign-off",
                reverse("approvals:queue"),
            )
        )
    summary = _kept_summary(user)
    counts = summary["counts"]

    def where(status: str) -> str:
        only = summary["only"].get(status)
        return reverse("approvals:post", args=[only]) if only else _posts_with(status)

    changes = counts.get(PostStatus.CHANGES_REQUESTED, 0)
    if changes:
        found.append(
            Task(
                _plural(changes, "of your posts needs", "of your posts need") + " changes",
                where(PostStatus.CHANGES_REQUESTED),
            )
        )
    expired = counts.get(PostStatus.EXPIRED, 0)
    if expired:
        found.append(
            Task(
                f"{expired} of your posts expired before sign-off",
                where(PostStatus.EXPIRED),
            )
        )
    held = counts.get(PostStatus.HELD, 0)
    if held:
        found.append(
            Task(
                _plural(held, "of your posts is", "of your posts are")
                + " held for a sensitive period",
                where(PostStatus.HELD),
            )
        )
    asking = waiting.non_disclosure_for(user)
    if asking:
        found.append(
            Task(
                _plural(len(asking), "request", "requests")
                + " not to disclose a position on a post "
                + ("waits" if len(asking) == 1 else "wait")
                + " for your decision",
                reverse("approvals:post_non_disclosure_decide", args=[asking[0]]),
            )
        )
    releasable = waiting.held_for(user)
    if releasable:
        found.append(
            Task(
                _plural(releasable, "held post waits", "held posts wait")
                + " for you to release or leave held",
                reverse("approvals:periods"),
            )
        )
    return found


def your_posts(request) -> str:
    return _kept_summary(request.user)["panel"]
