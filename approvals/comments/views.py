"""The comments on a post: reading and adding them (one page), changing one in its
first minutes and withdrawing one. Whoever may not see the post gets a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from approvals.comments import permissions, selectors, services
from approvals.comments.forms import ChangeCommentForm, CommentForm
from approvals.posts.views import visible_post
from approvals.refusals import not_allowed_as_404, refusal_on
from portal.query import whole_number


def threads_context(request, post, route, *, withdrawn_words: bool = False) -> dict:
    """What the post and decision pages show of the comments, and the post's
    printed record, which passes no ``route``: nobody comments or changes a
    comment there. A withdrawn comment's words show only to whoever wrote it, or
    to everyone when ``withdrawn_words`` (a records officer's copy of the record)."""
    user, now = request.user, timezone.now()
    threads = selectors.threads_on(post)
    for thread in threads:
        for comment in (thread.comment, *thread.replies):
            written = comment.author_id == user.pk
            comment.mine = written and route is not None
            comment.changeable = comment.mine and permissions.may_change(user, comment, now=now)
            comment.words_shown = withdrawn_words or not comment.withdrawn or written
    return {
        "threads": threads,
        "may_comment": route is not None and permissions.may_comment(user, post, route),
    }


@require_http_methods(["GET", "POST"])
def post_comments(request, pk):
    post, route = visible_post(request, pk)
    may_comment = permissions.may_comment(request.user, post, route)
    source = request.POST if request.method == "POST" else request.GET
    reply_to = None
    reply_id = whole_number(source.get("reply_to"))
    if reply_id is not None and may_comment:
        reply_to = selectors.comment_on(post, reply_id)
        if reply_to is None:
            raise Http404
    form = None
    status = 200
    if may_comment:
        form = CommentForm(
            request.POST or None,
            replying=reply_to is not None,
            initial={
                "version": post.current_version_id,
                "reply_to": reply_to.pk if reply_to else None,
            },
        )
    elif request.method == "POST":
        raise Http404
    if request.method == "POST" and form is not None:
        if form.is_valid():
            with refusal_on(form) as attempt:
                comment = services.add_comment(
                    post_id=post.pk,
                    user=request.user,
                    version_id=form.cleaned_data["version"],
                    text=form.cleaned_data["text"],
                    quote=form.cleaned_data.get("quote") or "",
                    reply_to_id=reply_to.pk if reply_to else None,
                    also_tell=form.names_to_tell(),
                )
            if not attempt.refused:
                messages.success(
                    request, "Your reply is added." if reply_to else "Your comment is added."
                )
                return redirect(services.comment_url(comment))
        status = 400
    return render(
        request,
        "approvals/comments/page.html",
        {
            "post": post,
            "version": post.current_version,
            "form": form,
            "reply_to": reply_to,
            **threads_context(request, post, route),
        },
        status=status,
    )


def _own_comment(request, pk):
    """The signed-in person's comment on a post they may see, or a 404."""
    post_id = selectors.post_of_comment(pk)
    if post_id is None:
        raise Http404
    post, _route = visible_post(request, post_id)
    comment = selectors.comment_on(post, pk)
    if comment is None or not permissions.may_withdraw(request.user, comment):
        raise Http404
    return post, comment


@require_http_methods(["GET", "POST"])
def comment_change(request, pk):
    post, comment = _own_comment(request, pk)
    form = ChangeCommentForm(request.POST or None, initial={"text": comment.text})
    late = not permissions.within_grace(comment, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        with refusal_on(form) as attempt:
            services.change_comment(
                comment_id=comment.pk, user=request.user, text=form.cleaned_data["text"]
            )
        if not attempt.refused:
            messages.success(request, "Your comment is changed.")
            return redirect(services.comment_url(comment))
    elif late:
        # Opened too late: said at once, not after the person has typed.
        form = ChangeCommentForm({"text": comment.text})
        form.is_valid()
        form.add_error(None, services.GRACE_PASSED)
    return render(
        request,
        "approvals/comments/change.html",
        {
            "post": post,
            "comment": comment,
            "form": form,
            "late": late,
            "back": services.comment_url(comment),
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def comment_withdraw(request, pk):
    """Asks first; withdraws on POST."""
    post, comment = _own_comment(request, pk)
    if request.method == "POST":
        with not_allowed_as_404():
            services.withdraw_comment(comment_id=comment.pk, user=request.user)
        messages.success(request, "Your comment is withdrawn. Others see that you withdrew it.")
        return redirect(services.comment_url(comment))
    return render(
        request,
        "approvals/comments/withdraw.html",
        {"post": post, "comment": comment, "back": services.comment_url(comment)},
    )
