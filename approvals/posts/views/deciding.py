"""An approver's pages: what waits for them, and deciding a post."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from approvals import routing
from approvals.authority import holdings
from approvals.comments.views import threads_context
from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.models import Post, PostStatus, Stage
from approvals.posts import deciding, non_disclosure, selectors, services, waiting
from approvals.posts.filters import Asked, QueueFilter
from approvals.posts.forms import DecisionForm
from approvals.posts.threads import parts_of, thread_diff
from approvals.posts.views import PAGE_SIZE, list_page, visible_post
from approvals.reminders import urgency
from portal.query import whole_number


@require_http_methods(["GET"])
def queue(request):
    user = request.user
    page_number = max(whole_number(request.GET.get("page")) or 1, 1)
    asked = Asked(QueueFilter, request.GET, lambda: _queue_as_left(request))

    def render_body():
        found = asked.found
        posts = found.apply(selectors.waiting_for(user))
        page = Paginator(posts, PAGE_SIZE).get_page(page_number)
        page.object_list = list(page.object_list)
        urgency.mark(page.object_list, now=timezone.now())
        return render_to_string(
            "approvals/includes/queue_body.html",
            {
                "page": page,
                "filter": found,
                "anything_waits": bool(found.departments),
                "query": found.query(),
                "may_delegate": holdings.may_delegate(user),
                "manages": bool(holdings.managed_departments(user)),
            },
        )

    return list_page(
        request,
        "approvals/queue.html",
        asked,
        lambda kept_as: waiting.queue_page(user, kept_as, page_number, render_body),
    )


def _queue_as_left(request) -> QueueFilter:
    """The queue as the approver left it (its filters and order, carried in
    the address), so that Back and the next post follow the same list."""
    return QueueFilter(request.GET, departments=waiting.departments_for(request.user))


@require_http_methods(["GET", "POST"])
def decide(request, pk):
    post, route = visible_post(request, pk)
    # Opening the page without a decision to make shows the post instead; a
    # decision sent anyway goes to the service, which explains the refusal.
    if request.method == "GET" and not routing.may_decide(request.user, route):
        return redirect("approvals:post", post.pk)
    form = DecisionForm(request.POST or None, initial={"version": post.current_version_id})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            deciding.decide(
                post_id=post.pk,
                version_id=form.cleaned_data["version"],
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except AlreadyDecided as error:
            conflict = str(error)
        except NotAllowed as error:
            raise Http404 from error
        except ApprovalError as error:
            form.add_error(None, str(error))
        else:
            query = _queue_as_left(request).query()
            return redirect(reverse("approvals:decided", args=[post.pk]) + _with(query))
    seen = selectors.last_seen_version(request.user, post)
    changes = None
    if seen and post.current_version and seen.pk != post.current_version_id:
        changes = thread_diff(parts_of(seen), parts_of(post.current_version))
    if request.method == "GET":
        services.mark_seen(post=post, user=request.user)
    return render(
        request,
        "approvals/decide.html",
        {
            "post": post,
            "version": post.current_version,
            "form": form,
            "seen": seen,
            "changes": changes,
            "conflict": conflict,
            "decisions": selectors.decisions_on(post),
            "disclosure": non_disclosure.for_page(request.user, post, route),
            "query": _with(_queue_as_left(request).query()),
            **threads_context(request, post, route),
        },
        status=409 if conflict else (400 if form.errors else 200),
    )


def _either(people) -> str:
    names = [str(person) for person in people]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def where_it_went(post: Post, waits_for: list) -> str:
    """Where the post is now, in a sentence, naming who it waits for."""
    author = post.author
    if post.status == PostStatus.SUBMITTED:
        steps: dict[str, str] = {
            Stage.DEPARTMENT: f"a department approver in {post.department}",
            Stage.SENSITIVE: f"an approver for sensitive periods in {post.department}",
        }
        step = steps.get(post.stage, f"{author}'s line manager")
        if not waits_for:
            return (
                f"It now waits for {step}, but nobody can sign it off there at the moment. "
                "Ask a department admin to grant someone authority."
            )
        return f"It now waits for {step}: {_either(waits_for)}."
    return {
        PostStatus.APPROVED: f"It can go out; we have told {author}.",
        PostStatus.PUBLISHED: "It has gone out.",
        PostStatus.CHANGES_REQUESTED: f"We have told {author} what to change.",
        PostStatus.REJECTED: f"We have told {author} why.",
        PostStatus.WITHDRAWN: f"{author} has since withdrawn it.",
        PostStatus.EXPIRED: "It has since expired: its time passed before it was signed off.",
        PostStatus.HELD: "It has since been held: it is due to go out in a sensitive period.",
    }.get(PostStatus(post.status), f"It is now {post.get_status_display().lower()}.")


@require_http_methods(["GET"])
def decided(request, pk):
    """After a decision: what was decided, where the post went next, and the
    next post waiting for the same person."""
    post, _ = visible_post(request, pk)
    decision = selectors.last_decision_by(request.user, post)
    if decision is None:
        return redirect("approvals:post", post.pk)
    left = _queue_as_left(request)
    next_post = left.apply(selectors.waiting_for(request.user)).first()
    if next_post is None and left.filtering:
        next_post = selectors.waiting_for(request.user).first()
    if next_post is not None:
        urgency.mark([next_post], now=timezone.now())
    return render(
        request,
        "approvals/decided.html",
        {
            "post": post,
            "decision": decision,
            "where_it_went": where_it_went(post, routing.approvers_of(post)),
            "next_post": next_post,
            "query": _with(left.query()),
            "still_waiting": waiting.count_for(request.user),
        },
    )


def _with(query: str) -> str:
    return f"?{query}" if query else ""
