"""An approver's pages: what waits for them, and deciding a post."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from approvals import routing
from approvals.authority import holdings
from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.posts import selectors, services, waiting
from approvals.posts.diffs import word_diff
from approvals.posts.forms import DecisionForm
from approvals.posts.views import PAGE_SIZE, visible_post
from portal.caching import placeholders
from portal.query import whole_number


@require_http_methods(["GET"])
def queue(request):
    user = request.user
    page_number = max(whole_number(request.GET.get("page")) or 1, 1)

    def render_body():
        return render_to_string(
            "approvals/includes/queue_body.html",
            {
                "page": Paginator(selectors.waiting_for(user), PAGE_SIZE).get_page(page_number),
                "may_delegate": holdings.may_delegate(user),
                "manages": bool(holdings.managed_departments(user)),
            },
        )

    return placeholders.render_kept(
        request,
        "approvals/queue.html",
        key=None,
        context={},
        body=waiting.queue_page(user, page_number, render_body),
    )


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
            services.decide(
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
            messages.success(request, "Decision recorded. We have told the author.")
            return redirect("approvals:queue")
    seen = selectors.last_seen_version(request.user, post)
    changes = None
    if seen and post.current_version and seen.pk != post.current_version_id:
        changes = word_diff(seen.text, post.current_version.text)
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
        },
        status=409 if conflict else (400 if form.errors else 200),
    )
