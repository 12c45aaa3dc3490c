"""Cover and departments' pages: a line manager's cover, and a department admin's page of
authority, sign-off policy and reminders."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approvals.authority import holdings, selectors, services
from approvals.authority.forms import CoverForm, GrantForm, PolicyForm
from approvals.errors import ApprovalError
from approvals.models import Authority, Department
from approvals.refusals import not_allowed_as_404
from approvals.reminders import policy as reminders_policy
from approvals.reminders.forms import ReminderPolicyForm
from approvals.routing import ahead
from portal.query import whole_number


@require_http_methods(["GET", "POST"])
def cover(request):
    user = request.user
    for_others = bool(holdings.managed_departments(user))
    form = None
    if for_others or holdings.may_delegate(user):
        form = CoverForm(
            request.POST or None,
            for_others=for_others,
            managers=selectors.coverable_managers(user) if for_others else (),
            deputies=selectors.deputies(user, for_others=for_others),
        )
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
                form.add_error(error.field, str(error))
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


@require_http_methods(["GET", "POST"])
def cover_withdraw(request, pk):
    """Asks first (GET), then ends the cover (POST)."""
    if request.method == "GET":
        delegation = selectors.withdrawable_cover(request.user, pk)
        if delegation is None:
            raise Http404
        return render(request, "approvals/cover_withdraw.html", {"delegation": delegation})
    with not_allowed_as_404():
        services.withdraw_cover(delegation_id=pk, by=request.user)
    messages.success(request, "Cover withdrawn.")
    return redirect("approvals:cover")


@require_http_methods(["GET"])
def departments(request):
    managed = holdings.managed_departments(request.user)
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


def _managed_department(request, slug) -> Department:
    department = get_object_or_404(Department, slug=slug)
    if not holdings.may_manage(request.user, department.pk):
        raise Http404
    return department


def _department_page(request, department, *, status=200, **sent):
    """The department page; a form that was sent (``grant_form``, ``policy_form`` or
    ``reminder_form``) stands in place of its blank one, with its errors and input."""
    grantable = holdings.grantable(request.user, department.pk)
    if "grant_form" not in sent:
        sent["grant_form"] = _grant_form(request, department)
    if "policy_form" not in sent:
        sent["policy_form"] = PolicyForm(
            initial={
                "signoff_policy": department.signoff_policy,
                "accessibility_findings_need_second_step": (
                    department.accessibility_findings_need_second_step
                ),
            }
        )
    if "reminder_form" not in sent:
        sent["reminder_form"] = ReminderPolicyForm(
            instance=reminders_policy.policy_for(department.pk)
        )
    holders = [(authority, selectors.holders_of(department, authority)) for authority in Authority]
    return render(
        request,
        "approvals/department.html",
        {"department": department, "holders": holders, "grantable": grantable, **sent},
        status=status,
    )


def _save(request, department, form_name: str, form, save, done):
    """Save a valid form and go back to the page saying ``done`` (or what
    ``done(cleaned_data)`` says); otherwise show the page again with the form's
    errors and what was typed."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ApprovalError as error:
            _refuse(form, error)
        else:
            messages.success(request, done(form.cleaned_data) if callable(done) else done)
            return redirect("approvals:department", department.slug)
    return _department_page(request, department, status=400, **{form_name: form})


def _grant_form(request, department, data=None) -> GrantForm:
    return GrantForm(
        data,
        authorities=holdings.grantable(request.user, department.pk),
        people=selectors.grantees(department, by=request.user),
    )


@require_GET
def department(request, slug):
    return _department_page(request, _managed_department(request, slug))


@require_POST
def department_grant(request, slug):
    department = _managed_department(request, slug)
    form = _grant_form(request, department, request.POST)
    return _save(
        request,
        department,
        "grant_form",
        form,
        lambda data: services.grant_authority(
            department_id=department.pk,
            authority=data["authority"],
            grantee=data["grantee"],
            by=request.user,
        ),
        lambda data: f"{Authority(data['authority']).label} granted to {data['grantee']}.",
    )


@require_POST
def department_policy(request, slug):
    department = _managed_department(request, slug)
    return _save(
        request,
        department,
        "policy_form",
        PolicyForm(request.POST),
        lambda data: services.set_signoff_policy(
            department_id=department.pk,
            policy=data["signoff_policy"],
            accessibility_findings_need_second_step=data["accessibility_findings_need_second_step"],
            by=request.user,
        ),
        "Sign-off policy saved.",
    )


@require_POST
def department_reminders(request, slug):
    department = _managed_department(request, slug)
    form = ReminderPolicyForm(request.POST, instance=reminders_policy.policy_for(department.pk))
    return _save(
        request,
        department,
        "reminder_form",
        form,
        lambda data: reminders_policy.set_reminder_policy(
            department_id=department.pk, by=request.user, **data
        ),
        "Reminders saved.",
    )


def _withdrawal_page(request, department):
    """Asks the admin to confirm withdrawing an authority they may withdraw from someone
    who holds it, and warns of posts it would leave with nobody to sign them off."""
    holder_pk = whole_number(request.GET.get("holder"))
    authority = request.GET.get("authority")
    if holder_pk is None or authority not in holdings.grantable(request.user, department.pk):
        raise Http404
    authority = Authority(authority)
    holders = [p for p in selectors.holders_of(department, authority) if p.is_active]
    holder = next((p for p in holders if p.pk == holder_pk), None)
    if holder is None:
        raise Http404
    approves = authority == Authority.APPROVE_POSTS
    return render(
        request,
        "approvals/department_withdraw.html",
        {
            "department": department,
            "holder": holder,
            "authority": authority,
            "stranded": ahead.left_without_approver(department.pk, holder.pk) if approves else 0,
            "last": approves and len(holders) == 1,
        },
    )


@require_http_methods(["GET", "POST"])
def department_withdraw(request, slug):
    """Asks first (GET), then withdraws (POST)."""
    department = _managed_department(request, slug)
    if request.method == "GET":
        return _withdrawal_page(request, department)
    holder_pk = whole_number(request.POST.get("holder"))
    holder = selectors.User.objects.filter(pk=holder_pk).first() if holder_pk else None
    authority = request.POST.get("authority")
    try:
        if holder is None or authority not in Authority.values:
            raise ApprovalError("Choose an authority someone holds to withdraw it.")
        stranded = (
            ahead.left_without_approver(department.pk, holder.pk)
            if authority == Authority.APPROVE_POSTS
            else 0
        )
        services.withdraw_authority(
            department_id=department.pk, authority=authority, holder=holder, by=request.user
        )
    except ApprovalError as error:
        # A refused withdrawal is shown in the grant form's error summary,
        # and an unbound form has no cleaned data for add_error to update.
        grant_form = _grant_form(request, department)
        grant_form.cleaned_data = {}
        grant_form.add_error(None, str(error))
        return _department_page(request, department, status=400, grant_form=grant_form)
    if stranded:
        messages.success(
            request,
            f"Authority withdrawn from {holder}. {stranded} post{pluralize(stranded)} waiting in "
            f"{department.name} now {'has' if stranded == 1 else 'have'} nobody to sign "
            f"{'it' if stranded == 1 else 'them'} off: grant approve posts to someone who can.",
        )
    else:
        messages.success(request, f"Authority withdrawn from {holder}.")
    return redirect("approvals:department", department.slug)
