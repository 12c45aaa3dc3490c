"""A post's page, which everyone who may see the post reads, and the author's submitting
from it: the form on the page, and what happens next once it is submitted."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from approvals import routing
from approvals.comments.views import threads_context
from approvals.errors import ApprovalError, EssentialOnly
from approvals.models import PostStatus, Stage
from approvals.periods import coverage
from approvals.periods import permissions as period_permissions
from approvals.periods import services as period_services
from approvals.periods.forms import ReleaseForm
from approvals.posts import expiry, non_disclosure, permissions, progress, selectors, services
from approvals.posts.forms import SubmitForm
from approvals.posts.views import visible_post
from approvals.reminders import policy as reminders_policy
from approvals.routing import ahead
from guidance import services as guidance_services
from guidance.selectors import current_version, has_current_acknowledgement
from portal import navigation


def _post_page(request, post, route, submit_form=None, status=200):
    user = request.user
    is_author = post.author_id == user.pk
    if not is_author:
        navigation.in_section(request, "approvals:queue")
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
