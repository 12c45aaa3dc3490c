"""The periods' pages: the list for everyone, declaring, changing and ending a
period, the stop switch, and releasing a held post. Anyone refused gets a 404."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from approvals.authority.holdings import departments_with
from approvals.models import (
    AuditAction,
    Authority,
    Department,
    Post,
    PostStatus,
    SensitivePeriod,
)
from approvals.periods import permissions, services
from approvals.periods.forms import ALL, PeriodForm, ReleaseForm, StopForm
from approvals.posts.views import visible_post
from approvals.refusals import refusal_flashed, refusal_on


def _with_held_counts(periods):
    held_now = Q(
        audit_events__action=AuditAction.HELD,
        audit_events__post__status=PostStatus.HELD,
    )
    return periods.annotate(
        held=Count("audit_events__post", filter=held_now, distinct=True)
    ).prefetch_related("departments")


@require_GET
def period_list(request):
    now = timezone.now()
    periods = list(_with_held_counts(SensitivePeriod.objects.all()))
    user = request.user
    return render(
        request,
        "approvals/periods/list.html",
        {
            "current": [p for p in reversed(periods) if p.in_force_at(now)],
            "upcoming": [p for p in reversed(periods) if p.starts_at > now],
            # The one that ended last first.
            "past": sorted(
                (p for p in periods if p.ends_at is not None and p.ends_at <= now),
                key=lambda p: p.ends_at,
                reverse=True,
            ),
            "may_declare": permissions.may_declare(user),
            "may_stop": bool(permissions.stoppable_departments(user))
            or permissions.may_stop_everywhere(user),
        },
    )


def _held_by(period: SensitivePeriod, user):
    """The posts the period holds that ``user`` wrote or may release."""
    releasable = departments_with(user, Authority.APPROVE_IN_SENSITIVE_PERIODS)
    return (
        Post.objects.filter(
            status=PostStatus.HELD,
            audit_events__action=AuditAction.HELD,
            audit_events__period=period,
        )
        .filter(Q(author=user) | Q(department__in=releasable))
        .select_related("author", "department")
        .distinct()
        .order_by("publish_at", "pk")
    )


@require_GET
def period_detail(request, pk):
    period = get_object_or_404(
        _with_held_counts(SensitivePeriod.objects.select_related("declared_by")), pk=pk
    )
    user = request.user
    return render(
        request,
        "approvals/periods/detail.html",
        {
            "period": period,
            "in_force": period.in_force_at(timezone.now()),
            "ended": period.ends_at is not None and period.ends_at <= timezone.now(),
            "held_posts": _held_by(period, user),
            "may_change": permissions.may_declare(user),
            "may_end": services.may_end(user, period),
        },
    )


def _declared(request, declared: services.Declared, done: str):
    held = declared.held
    messages.success(
        request,
        f"{done} " + (f"{held} post{pluralize(held)} held." if held else "No posts were held."),
    )
    return redirect("approvals:period", declared.period.pk)


def _period_form_page(request, *, period=None):
    if not permissions.may_declare(request.user):
        raise Http404
    form = PeriodForm(
        request.POST or None, initial=PeriodForm.initial_for(period) if period else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "by": request.user,
            "name": data["name"],
            "kind": data["kind"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "all_departments": data["cover"] == ALL,
            "departments": list(data["departments"]),
            "guidance": data["guidance"],
        }
        with refusal_on(form) as attempt:
            if period is None:
                declared = services.declare(**fields)
            else:
                declared = services.change(period_id=period.pk, **fields)
        if not attempt.refused:
            done = "declared" if period is None else "changed"
            return _declared(request, declared, f"{declared.period.name} {done}.")
    return render(
        request,
        "approvals/periods/form.html",
        {"form": form, "period": period},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def period_create(request):
    return _period_form_page(request)


@require_http_methods(["GET", "POST"])
def period_edit(request, pk):
    return _period_form_page(request, period=get_object_or_404(SensitivePeriod, pk=pk))


@require_http_methods(["GET", "POST"])
def period_end(request, pk):
    period = get_object_or_404(SensitivePeriod, pk=pk)
    if not services.may_end(request.user, period):
        raise Http404
    if request.method == "POST":
        with refusal_flashed(request) as attempt:
            services.end(by=request.user, period_id=period.pk)
        if not attempt.refused:
            messages.success(request, f"{period.name} has ended. Posts it held stay held.")
        return redirect("approvals:period", period.pk)
    return render(request, "approvals/periods/end.html", {"period": period})


@require_http_methods(["GET", "POST"])
def period_stop(request):
    user = request.user
    everywhere = permissions.may_stop_everywhere(user)
    departments = Department.objects.filter(pk__in=permissions.stoppable_departments(user))
    if not everywhere and not departments:
        raise Http404
    form = StopForm(request.POST or None, departments=list(departments), everywhere=everywhere)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_on(form) as attempt:
            declared = services.stop_posting(
                by=user, reason=data["reason"], department=data["department"]
            )
        if not attempt.refused:
            return _declared(request, declared, "Posting stopped.")
    return render(
        request,
        "approvals/periods/stop.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def post_release(request, pk):
    """Release a held post as essential: for holders of the authority to
    approve in sensitive periods in its department."""
    post, _ = visible_post(request, pk)
    if not permissions.may_release(request.user, post):
        raise Http404
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_on(form) as attempt:
            services.release(post_id=post.pk, by=request.user, reason=form.cleaned_data["reason"])
        if not attempt.refused:
            messages.success(request, "Released as essential. Its author has been told.")
            return redirect("approvals:post", post.pk)
    return render(
        request,
        "approvals/periods/release.html",
        {"post": post, "form": form},
        status=400 if form.is_bound else 200,
    )
