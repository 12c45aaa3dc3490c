"""Thin views: parse, call a service or selector, render. A refusal is a 404
so that nobody learns what a post they may not see contains, or that it exists."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from approvals import expiry, permissions, reminders, selectors, services, waiting, your_posts
from approvals.diffs import word_diff
from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.forms import (
    CoverForm,
    DecisionForm,
    GrantForm,
    PolicyForm,
    PostForm,
    PublicationForm,
    ReminderPolicyForm,
    SubmitForm,
    WithdrawForm,
)
from approvals.models import Authority, Department, PostStatus
from guidance.selectors import has_current_acknowledgement
from portal.caching import placeholders

PAGE_SIZE = 25


def _visible_post(request, pk):
    post, manager_id = selectors.post_for_viewer(request.user, pk)
    if post is None:
        raise Http404
    return post, manager_id


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET"])
def post_list(request):
    posts = selectors.posts_by(request.user)
    status = request.GET.get("status", "")
    if status in PostStatus.values:
        posts = posts.filter(status=status)
    else:
        status = ""
    page_number = max(_int(request.GET.get("page")) or 1, 1)

    def render_body():
        return render_to_string(
            "approvals/includes/post_list_body.html",
            {
                "page": Paginator(posts, PAGE_SIZE).get_page(page_number),
                "status": status,
                "query": urlencode({"status": status}) if status else "",
            },
        )

    return placeholders.render_kept(
        request,
        "approvals/post_list.html",
        key=status,
        context={"status": status, "statuses": PostStatus.choices},
        body=your_posts.page(request.user, status, page_number, render_body),
    )


def _save_draft(request, form, post_id=None):
    data = form.cleaned_data
    return services.save_draft(
        author=request.user,
        post_id=post_id,
        channel=data["channel"],
        account=data["account"],
        text=data["text"],
        link=data["link"],
        publish_at=data["publish_at"],
    )


@require_http_methods(["GET", "POST"])
def post_create(request):
    form = PostForm(request.POST or None)
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
    post, _ = _visible_post(request, pk)
    if not permissions.may_edit(request.user, post):
        raise Http404
    form = PostForm(request.POST or None, initial=PostForm.initial_for(post))
    if request.method == "POST" and form.is_valid():
        try:
            post = _save_draft(request, form, post_id=post.pk)
        except NotAllowed as error:
            raise Http404 from error
        messages.success(request, "Changes saved. Check them against the principles, then submit.")
        return redirect("approvals:post", post.pk)
    return render(request, "approvals/post_form.html", {"form": form, "post": post})


def _post_page(request, post, manager_id, submit_form=None, status=200):
    user = request.user
    is_author = post.author_id == user.pk
    versions = selectors.versions_of(post)
    draft_findings = (
        post.findings
        if is_author and post.status in {PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED}
        else None
    )
    can_submit = is_author and post.status in {PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED}
    if can_submit and submit_form is None:
        submit_form = SubmitForm(can_pre_authorise=permissions.may_pre_authorise(user, post))
    return render(
        request,
        "approvals/post_detail.html",
        {
            "post": post,
            "is_author": is_author,
            "versions": versions,
            "decisions": selectors.decisions_on(post),
            "timeline": selectors.timeline(post),
            "draft_findings": draft_findings,
            "submit_form": submit_form if can_submit else None,
            "acknowledged": has_current_acknowledgement(user) if can_submit else True,
            "may_edit": permissions.may_edit(user, post),
            "may_withdraw": permissions.may_withdraw(user, post),
            "may_record_publication": permissions.may_record_publication(user, post),
            "may_decide": permissions.may_decide(user, post, line_manager_id=manager_id),
            "may_reopen": expiry.may_reopen_expired(user, post, line_manager_id=manager_id),
        },
        status=status,
    )


@require_http_methods(["GET"])
def post_detail(request, pk):
    post, manager_id = _visible_post(request, pk)
    return _post_page(request, post, manager_id)


@require_POST
def post_submit(request, pk):
    post, manager_id = _visible_post(request, pk)
    if post.author_id != request.user.pk:
        raise Http404
    form = SubmitForm(
        request.POST, can_pre_authorise=permissions.may_pre_authorise(request.user, post)
    )
    if form.is_valid():
        if not has_current_acknowledgement(request.user):
            form.add_error(
                "read_principles",
                "Confirm you have read the current principles on the guidance home page first",
            )
        else:
            try:
                post = services.submit_post(
                    post_id=post.pk,
                    author=request.user,
                    pre_authorise=form.cleaned_data.get("pre_authorise", False),
                )
            except ApprovalError as error:
                form.add_error(None, str(error))
            else:
                if post.status == PostStatus.APPROVED:
                    messages.success(request, "Recorded as pre-authorised. It has been logged.")
                else:
                    messages.success(request, "Submitted for sign-off. We have told your approver.")
                return redirect("approvals:post", post.pk)
    return _post_page(request, post, manager_id, submit_form=form, status=400)


@require_POST
def post_reopen(request, pk):
    """An expired post goes back to its author to set a new time."""
    post, _ = _visible_post(request, pk)
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


@require_http_methods(["GET", "POST"])
def post_withdraw(request, pk):
    post, _ = _visible_post(request, pk)
    if not permissions.may_withdraw(request.user, post):
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.withdraw_post(
            post_id=post.pk, author=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Post withdrawn.")
        return redirect("approvals:post", post.pk)
    return render(request, "approvals/post_withdraw.html", {"post": post, "form": form})


@require_http_methods(["GET", "POST"])
def post_publication(request, pk):
    post, _ = _visible_post(request, pk)
    if not permissions.may_record_publication(request.user, post):
        raise Http404
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_publication(
            post_id=post.pk, author=request.user, url=form.cleaned_data["url"]
        )
        messages.success(request, "Publication recorded.")
        return redirect("approvals:post", post.pk)
    return render(request, "approvals/post_publication.html", {"post": post, "form": form})


@require_http_methods(["GET"])
def queue(request):
    user = request.user
    page_number = max(_int(request.GET.get("page")) or 1, 1)

    def render_body():
        return render_to_string(
            "approvals/includes/queue_body.html",
            {
                "page": Paginator(selectors.waiting_for(user), PAGE_SIZE).get_page(page_number),
                "may_delegate": permissions.may_delegate(user),
                "manages": bool(permissions.managed_departments(user)),
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
    post, manager_id = _visible_post(request, pk)
    # Opening the page without a decision to make shows the post instead; a
    # decision sent anyway goes to the service, which explains the refusal.
    if request.method == "GET" and not permissions.may_decide(
        request.user, post, line_manager_id=manager_id
    ):
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


@require_http_methods(["GET", "POST"])
def cover(request):
    user = request.user
    for_others = bool(permissions.managed_departments(user))
    form = None
    if for_others or permissions.may_delegate(user):
        form = CoverForm(request.POST or None, for_others=for_others)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            delegator = data.get("manager") or user
            try:
                services.arrange_cover(
                    delegator=delegator,
                    deputy=data["deputy"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                    by=user,
                )
            except ApprovalError as error:
                form.add_error(getattr(error, "field", None), str(error))
            else:
                whose = "your" if delegator.pk == user.pk else f"{delegator}'s"
                messages.success(request, f"{data['deputy']} will cover {whose} sign-off.")
                return redirect("approvals:cover")
    return render(
        request,
        "approvals/cover.html",
        {
            "form": form,
            "for_others": for_others,
            "max_cover_days": settings.APPROVALS_MAX_COVER_DAYS,
            "given": selectors.cover_given_by(user),
            "held": selectors.cover_held_by(user),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
def cover_withdraw(request, pk):
    try:
        services.withdraw_cover(delegation_id=pk, by=request.user)
    except NotAllowed as error:
        raise Http404 from error
    messages.success(request, "Cover withdrawn.")
    return redirect("approvals:cover")


@require_http_methods(["GET"])
def departments(request):
    managed = permissions.managed_departments(request.user)
    return render(
        request,
        "approvals/departments.html",
        {"departments": Department.objects.filter(pk__in=managed).select_related("parent")},
    )


def _refuse(form, error: ApprovalError) -> None:
    """Show a service's refusal beside the first field of the form that was sent:
    the page's error summary links there, and a page of several forms has no
    other place that is plainly that form's."""
    form.add_error(next(iter(form.fields)), str(error))


@require_http_methods(["GET", "POST"])
def department(request, slug):
    department = get_object_or_404(Department, slug=slug)
    if not permissions.may_manage(request.user, department.pk):
        raise Http404
    grantable = permissions.grantable(request.user, department.pk)
    grant_form = GrantForm(authorities=grantable)
    policy_form = PolicyForm(initial={"signoff_policy": department.signoff_policy})
    reminder_form = ReminderPolicyForm(instance=reminders.policy_for(department.pk))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "grant":
                grant_form = GrantForm(request.POST, authorities=grantable)
                if grant_form.is_valid():
                    services.grant_authority(
                        department_id=department.pk,
                        authority=grant_form.cleaned_data["authority"],
                        grantee=grant_form.cleaned_data["grantee"],
                        by=request.user,
                    )
                    messages.success(request, "Authority granted.")
                    return redirect("approvals:department", department.slug)
            elif action == "policy":
                policy_form = PolicyForm(request.POST)
                if policy_form.is_valid():
                    services.set_signoff_policy(
                        department_id=department.pk,
                        policy=policy_form.cleaned_data["signoff_policy"],
                        by=request.user,
                    )
                    messages.success(request, "Sign-off policy saved.")
                    return redirect("approvals:department", department.slug)
            elif action == "reminders":
                reminder_form = ReminderPolicyForm(
                    request.POST, instance=reminders.policy_for(department.pk)
                )
                if reminder_form.is_valid():
                    reminders.set_reminder_policy(
                        department_id=department.pk, by=request.user, **reminder_form.cleaned_data
                    )
                    messages.success(request, "Reminders saved.")
                    return redirect("approvals:department", department.slug)
            elif action == "withdraw":
                holder = selectors.User.objects.filter(pk=_int(request.POST.get("holder"))).first()
                if holder is None or request.POST.get("authority") not in Authority.values:
                    raise ApprovalError("Choose an authority someone holds to withdraw it.")
                services.withdraw_authority(
                    department_id=department.pk,
                    authority=request.POST["authority"],
                    holder=holder,
                    by=request.user,
                )
                messages.success(request, f"Authority withdrawn from {holder}.")
                return redirect("approvals:department", department.slug)
        except ApprovalError as error:
            sent = {"grant": grant_form, "policy": policy_form, "reminders": reminder_form}
            if action in sent:
                _refuse(sent[action], error)
            else:
                # A refused withdrawal is shown in the grant form's error summary,
                # and an unbound form has no cleaned data for add_error to update.
                grant_form.cleaned_data = {}
                grant_form.add_error(None, str(error))
        status = 400
    holders = [(authority, selectors.holders_of(department, authority)) for authority in Authority]
    return render(
        request,
        "approvals/department.html",
        {
            "department": department,
            "holders": holders,
            "grantable": grantable,
            "grant_form": grant_form,
            "policy_form": policy_form,
            "reminder_form": reminder_form,
        },
        status=status,
    )
