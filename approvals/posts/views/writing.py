"""An author's pages: their posts, writing, submitting, withdrawing and recording where a
post went out."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from approvals import routing
from approvals.comments.views import threads_context
from approvals.errors import ApprovalError, EssentialOnly, NotAllowed
from approvals.models import PostStatus, Stage
from approvals.periods import coverage
from approvals.periods import permissions as period_permissions
from approvals.periods import services as period_services
from approvals.periods.forms import ReleaseForm
from approvals.posts import (
    expiry,
    non_disclosure,
    permissions,
    progress,
    selectors,
    services,
    your_posts,
)
from approvals.posts.filters import YourPostsFilter
from approvals.posts.forms import PublicationForm, SubmitForm, WithdrawForm
from approvals.posts.thread_form import ThreadPostForm, rearranged
from approvals.posts.views import PAGE_SIZE, visible_post
from approvals.reminders import policy as reminders_policy
from approvals.routing import ahead
from guidance import services as guidance_services
from guidance.selectors import current_version, has_current_acknowledgement
from portal.caching import placeholders
from portal.query import whole_number


@require_http_methods(["GET"])
def post_list(request):
    found = YourPostsFilter(request.GET)
    page_number = max(whole_number(request.GET.get("page")) or 1, 1)

    def render_body():
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

    return placeholders.render_kept(
        request,
        "approvals/post_list.html",
        key=bool(found.form.errors),
        context={"refused": bool(found.form.errors)},
        body=your_posts.page(request.user, found.kept_as(), page_number, render_body),
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
        try:
            post = _save_draft(request, form)
        except ApprovalError as error:
            form.add_error(None, str(error))
        else:
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
        try:
            post = _save_draft(request, form, post_id=post.pk)
        except NotAllowed as error:
            raise Http404 from error
        except ApprovalError as error:
            form.add_error(None, str(error))
        else:
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


def _post_page(request, post, route, submit_form=None, status=200):
    user = request.user
    is_author = post.author_id == user.pk
    versions = selectors.versions_of(post)
    draft_findings = (
        post.findings
        if is_author and post.status in {PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED}
        else None
    )
    can_submit = is_author and post.status in permissions.SUBMITTABLE
    decisions = selectors.decisions_on(post)
    sent_back = post.status in {PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED} and decisions
    # Due in a sensitive period: it goes only as essential (the form asks why).
    period = coverage.covering(post.department_id, post.publish_at) if can_submit else None
    if can_submit and submit_form is None:
        submit_form = SubmitForm(
            initial={"principles_version": current_version()},
            can_pre_authorise=permissions.may_pre_authorise(user, post),
            in_period=period is not None,
        )
    held = post.status == PostStatus.HELD
    return render(
        request,
        "approvals/post_detail.html",
        {
            "post": post,
            "is_author": is_author,
            "versions": versions,
            "decisions": decisions,
            "progress": progress.steps_of(post, decisions),
            # Said to the author: a post nobody can sign off waits for ever.
            "nobody_can_sign": (
                is_author and post.status == PostStatus.SUBMITTED and not routing.approvers_of(post)
            ),
            # Why it came back, shown first: it is what the author acts on.
            "sent_back_by": decisions[-1] if sent_back else None,
            "unchanged_since_sent_back": (
                post.status == PostStatus.CHANGES_REQUESTED
                and post.current_version is not None
                and post.current_version.says_what(post)
            ),
            "timeline": selectors.timeline(post),
            "draft_findings": draft_findings,
            "submit_form": submit_form if can_submit else None,
            "acknowledged": has_current_acknowledgement(user) if can_submit else True,
            "steps_ahead": ahead.steps_ahead(post, essential=period is not None)
            if can_submit
            else [],
            "period": period,
            "held_by": period_services.period_that_held(post) if held else None,
            "release_form": ReleaseForm() if period_permissions.may_release(user, post) else None,
            "may_edit": permissions.may_edit(user, post),
            "may_withdraw": permissions.may_withdraw(user, post),
            "may_record_publication": permissions.may_record_publication(user, post),
            "may_decide": routing.may_decide(user, route),
            "may_reopen": expiry.may_reopen_expired(user, post, line_manager_id=route.line_manager),
            **threads_context(request, post, route),
            "disclosure": non_disclosure.for_page(user, post, route),
        },
        status=status,
    )


@require_http_methods(["GET"])
def post_detail(request, pk):
    post, route = visible_post(request, pk)
    return _post_page(request, post, route)


def _confirmed_principles(user, form) -> bool:
    """The first box is the author's confirmation of the principles: ticked by
    someone who has not yet confirmed the current version, it records that
    they have, so there is one step, not a second one elsewhere."""
    if has_current_acknowledgement(user):
        return True
    try:
        guidance_services.acknowledge(
            user=user, version=form.cleaned_data["principles_version"] or current_version()
        )
    except guidance_services.StaleVersionError:
        form.add_error(
            "read_principles",
            "The principles changed while you were writing. Read them again, then tick the box",
        )
        return False
    return True


@require_POST
def post_submit(request, pk):
    post, route = visible_post(request, pk)
    if post.author_id != request.user.pk:
        raise Http404
    in_period = coverage.covering(post.department_id, post.publish_at) is not None
    form = SubmitForm(
        request.POST,
        can_pre_authorise=permissions.may_pre_authorise(request.user, post),
        in_period=in_period,
    )
    if form.is_valid() and _confirmed_principles(request.user, form):
        try:
            post = services.submit_post(
                post_id=post.pk,
                author=request.user,
                pre_authorise=form.cleaned_data.get("pre_authorise", False),
                essential_reason=form.cleaned_data.get("essential_reason", ""),
            )
        except EssentialOnly as error:
            # Declared since the form was read: ask why, with the box to say it.
            form = SubmitForm(request.POST, in_period=True)
            form.is_valid()
            form.errors["essential_reason"] = form.error_class([str(error)])
        except ApprovalError as error:
            form.add_error(None, str(error))
        else:
            if post.status == PostStatus.APPROVED:
                messages.success(request, "Recorded as pre-authorised. It has been logged.")
                return redirect("approvals:post", post.pk)
            return redirect("approvals:post_submitted", post.pk)
    return _post_page(request, post, route, submit_form=form, status=400)


@require_http_methods(["GET"])
def post_submitted(request, pk):
    """What happens next, once a post is submitted: who has been told, when
    they are reminded, and whether a second step follows."""
    post, route = visible_post(request, pk)
    if post.author_id != request.user.pk or post.status != PostStatus.SUBMITTED:
        return redirect("approvals:post", post.pk)
    waits_for = routing.approvers_of(post)
    second_step = post.stage == Stage.LINE_MANAGER and routing.needs_department_step(
        post.department, post.current_version.findings
    )
    return render(
        request,
        "approvals/post_submitted.html",
        {
            "post": post,
            "waits_for": waits_for,
            # At the line manager's step, the manager, then whoever covers for them.
            "line_manager": next((p for p in waits_for if p.pk == route.line_manager), None),
            "covering": [p for p in waits_for if p.pk != route.line_manager],
            "second_step": second_step,
            "reminders": reminders_policy.policy_for(post.department_id),
        },
    )


@require_POST
def post_reopen(request, pk):
    """An expired post goes back to its author to set a new time."""
    post, _ = visible_post(request, pk)
    try:
        expiry.reopen_expired(post_id=post.pk, by=request.user)
    except NotAllowed as error:
        raise Http404 from error
    except ApprovalError as error:
        messages.error(request, str(error))
    else:
        if post.author_id == request.user.pk:
            messages.success(request, "Change the time it should go out, then submit it again.")
        else:
            messages.success(request, "We have asked the author to set a new time.")
    return redirect("approvals:post", post.pk)


def _one_form_page(request, pk, *, may, form_class, template, act, done):
    """A page with one form about a post, for whom ``may`` allows: a valid form is
    acted on (``act(post, cleaned_data)``) and leads back to the post saying ``done``."""
    post, _ = visible_post(request, pk)
    if not may(request.user, post):
        raise Http404
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        act(post, form.cleaned_data)
        messages.success(request, done)
        return redirect("approvals:post", post.pk)
    return render(request, template, {"post": post, "form": form})


@require_http_methods(["GET", "POST"])
def post_withdraw(request, pk):
    return _one_form_page(
        request,
        pk,
        may=permissions.may_withdraw,
        form_class=WithdrawForm,
        template="approvals/post_withdraw.html",
        act=lambda post, data: services.withdraw_post(
            post_id=post.pk, author=request.user, reason=data["reason"]
        ),
        done="Post withdrawn.",
    )


@require_http_methods(["GET", "POST"])
def post_publication(request, pk):
    return _one_form_page(
        request,
        pk,
        may=permissions.may_record_publication,
        form_class=PublicationForm,
        template="approvals/post_publication.html",
        act=lambda post, data: services.record_publication(
            post_id=post.pk, author=request.user, url=data["url"]
        ),
        done="Publication recorded.",
    )
