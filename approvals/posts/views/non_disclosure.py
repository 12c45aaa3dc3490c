"""Asking not to disclose one's position on a post (the author), and agreeing or
refusing it (the author's line manager, in person). Anyone else: 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from approvals import routing
from approvals.models import ExceptionStatus, Post
from approvals.posts import non_disclosure
from approvals.posts.forms import NonDisclosureDecisionForm, NonDisclosureForm
from approvals.posts.views import visible_post
from approvals.refusals import refusal_on


@require_http_methods(["GET", "POST"])
def ask(request, pk):
    post, _ = visible_post(request, pk)
    if not non_disclosure.may_ask(request.user, post, non_disclosure.history(post)):
        raise Http404
    form = NonDisclosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_on(form) as attempt:
            non_disclosure.ask(post_id=post.pk, author=request.user, **form.cleaned_data)
        if not attempt.refused:
            messages.success(request, "Your request has been sent to your line manager.")
            return redirect("approvals:post", post.pk)
    return render(
        request,
        "approvals/non_disclosure_ask.html",
        {"post": post, "form": form, "guidance": non_disclosure.GUIDANCE},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def decide(request, pk):
    """The line manager may decide on a draft they cannot otherwise open: the page
    shows where the post goes out and the reason, not its text."""
    post = Post.objects.select_related("author", "department").filter(pk=pk).first()
    if post is None or not non_disclosure.may_decide(
        request.user, post, line_manager_id=routing.active_line_manager(post.author_id)
    ):
        raise Http404
    waiting = next(
        (r for r in non_disclosure.history(post) if r.status == ExceptionStatus.ASKED), None
    )
    if waiting is None:
        raise Http404
    form = NonDisclosureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["decision"] == "agree"
        with refusal_on(form) as attempt:
            non_disclosure.decide(
                post_id=post.pk, by=request.user, agree=agree, comment=form.cleaned_data["comment"]
            )
        if not attempt.refused:
            messages.success(
                request,
                "You agreed: the post need not disclose their position."
                if agree
                else "You refused: the post must disclose their position.",
            )
            viewer, _ = _visible_or_none(request, post.pk)
            return redirect("approvals:post", post.pk) if viewer else redirect("approvals:queue")
    return render(
        request,
        "approvals/non_disclosure_decide.html",
        {"post": post, "record": waiting, "form": form, "guidance": non_disclosure.GUIDANCE},
        status=400 if form.errors else 200,
    )


def _visible_or_none(request, pk):
    try:
        return visible_post(request, pk)
    except Http404:
        return None, None
