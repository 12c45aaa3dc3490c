"""An author's pages: their posts, writing and changing one, withdrawing it, recording where
it went out, and asking for a new time for one that expired (a post's own page, and submitting
from it, are ``post_page``)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from approvals.models import PostStatus
from approvals.posts import expiry, permissions, selectors, services, your_posts
from approvals.posts.filters import Asked, YourPostsFilter
from approvals.posts.forms import PublicationForm, WithdrawForm
from approvals.posts.thread_form import ThreadPostForm, rearranged
from approvals.posts.views import PAGE_SIZE, list_page, visible_post
from approvals.refusals import refusal_flashed, refusal_on
from portal.query import whole_number


@require_http_methods(["GET"])
def post_list(request):
    asked = Asked(YourPostsFilter, request.GET, lambda: YourPostsFilter(request.GET))
    page_number = max(whole_number(request.GET.get("page")) or 1, 1)

    def render_body():
        found = asked.found
        return render_to_string(
            "approvals/includes/post_list_body.html",
            {
                "page": Paginator(
                    found.apply(selectors.posts_by(request.user)), PAGE_SIZE
                ).get_page(page_number),
                "filter": found,
                "query": found.query(),
            },
        )

    return list_page(
        request,
        "approvals/post_list.html",
        asked,
        lambda kept_as: your_posts.page(request.user, kept_as, page_number, render_body),
    )


def _save_draft(request, form, post_id=None):
    data = form.cleaned_data
    return services.save_draft(
        author=request.user,
        post_id=post_id,
        channel=data["channel"],
        account=data["account"],
        text=data["text"],
        further_parts=data["further_parts"],
        part_origins=data["part_origins"],
        link=data["link"],
        publish_at=data["publish_at"],
    )


def _post_form(request, initial=None) -> ThreadPostForm:
    """The writing form as sent, or as sent with a part added or removed."""
    if request.method != "POST":
        return ThreadPostForm(initial=initial)
    data = rearranged(request.POST)
    if data is not None:
        return ThreadPostForm(data, rearranging=True)
    return ThreadPostForm(request.POST)


@require_http_methods(["GET", "POST"])
def post_create(request):
    form = _post_form(request)
    if request.method == "POST" and form.is_valid():
        with refusal_on(form) as attempt:
            post = _save_draft(request, form)
        if not attempt.refused:
            messages.success(
                request, "Draft saved. Check it against the principles, then submit it."
            )
            return redirect("approvals:post", post.pk)
    return render(request, "approvals/post_form.html", {"form": form, "post": None})


@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post, _ = visible_post(request, pk)
    if not permissions.may_edit(request.user, post):
        raise Http404
    form = _post_form(request, initial=ThreadPostForm.initial_for(post))
    if request.method == "POST" and form.is_valid():
        images_before = post.images.count()
        with refusal_on(form) as attempt:
            post = _save_draft(request, form, post_id=post.pk)
        if not attempt.refused:
            messages.success(
                request, "Changes saved. Check them against the principles, then submit."
            )
            if gone := images_before - post.images.count():
                messages.info(request, _images_gone(gone))
            return redirect("approvals:post", post.pk)
    decisions = selectors.decisions_on(post) if post.status == PostStatus.CHANGES_REQUESTED else []
    return render(
        request,
        "approvals/post_form.html",
        # What was asked for stays in sight while the author changes the post.
        {"form": form, "post": post, "sent_back_by": decisions[-1] if decisions else None},
    )


def _images_gone(count: int) -> str:
    images = "1 image" if count == 1 else f"{count} images"
    return (
        f"{images} of the part you removed {'was' if count == 1 else 'were'} taken out of "
        f"the post. {'It stays' if count == 1 else 'They stay'} in your department's library."
    )


@require_POST
def post_reopen(request, pk):
    """An expired post goes back to its author to set a new time."""
    post, _ = visible_post(request, pk)
    with refusal_flashed(request) as attempt:
        expiry.reopen_expired(post_id=post.pk, by=request.user)
    if not attempt.refused:
        if post.author_id == request.user.pk:
            messages.success(request, "Change the time it should go out, then submit it again.")
        else:
            messages.success(request, "We have asked the author to set a new time.")
    return redirect("approvals:post", post.pk)


def _one_form_view(*, may, form_class, change, template, done):
    """The view of a page with one form about a post, for whom ``may`` allows: a valid
    form's fields are the arguments ``change`` takes besides the post and its author, and
    lead back to the post saying ``done``."""

    @require_http_methods(["GET", "POST"])
    def view(request, pk):
        post, _ = visible_post(request, pk)
        if not may(request.user, post):
            raise Http404
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            # Allowed when the page was drawn, the change may since have been
            # overtaken (the post decided or withdrawn meanwhile): said on the form.
            with refusal_on(form) as attempt:
                change(post_id=post.pk, author=request.user, **form.cleaned_data)
            if not attempt.refused:
                messages.success(request, done)
                return redirect("approvals:post", post.pk)
        return render(request, template, {"post": post, "form": form})

    return view


post_withdraw = _one_form_view(
    may=permissions.may_withdraw,
    form_class=WithdrawForm,
    change=services.withdraw_post,
    template="approvals/post_withdraw.html",
    done="Post withdrawn.",
)
post_publication = _one_form_view(
    may=permissions.may_record_publication,
    form_class=PublicationForm,
    change=services.record_publication,
    template="approvals/post_publication.html",
    done="Publication recorded.",
)
