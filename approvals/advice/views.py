"""The advice pages: asking, one's own requests, those waiting for one's answer,
and one request with its answer form. A request one may not see is a 404, the
same as one that does not exist."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from approvals.advice import permissions, selectors, services
from approvals.advice.forms import AnswerForm, AskForm
from approvals.models import StaffProfile
from approvals.refusals import refusal_on
from portal.query import whole_number

PAGE_SIZE = 25


def _page(request, queryset):
    number = max(whole_number(request.GET.get("page")) or 1, 1)
    return Paginator(queryset, PAGE_SIZE).get_page(number)


@require_http_methods(["GET"])
def advice_list(request):
    return render(
        request,
        "approvals/advice/list.html",
        {
            "page": _page(request, selectors.asked_by(request.user)),
            "waiting_count": selectors.count_waiting_for(request.user),
        },
    )


@require_http_methods(["GET"])
def advice_waiting(request):
    return render(
        request,
        "approvals/advice/waiting.html",
        {
            "waiting": list(selectors.waiting_for(request.user)),
            "answered": _page(request, selectors.answered_by_or_for(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def advice_ask(request):
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_on(form) as attempt:
            asked = services.ask(author=request.user, **form.cleaned_data)
        if not attempt.refused:
            messages.success(request, f"Your request has been sent to {asked.manager}.")
            return redirect("approvals:advice", asked.pk)
    profile = StaffProfile.objects.select_related("line_manager").filter(user=request.user).first()
    return render(
        request,
        "approvals/advice/ask.html",
        {"form": form, "line_manager": profile.line_manager if profile else None},
        status=400 if form.errors else 200,
    )


def _visible(request, pk):
    found = selectors.request_for_viewer(request.user, pk)
    if found is None:
        raise Http404
    return found


def _detail(request, advice_request, form=None, status=200):
    may_answer = permissions.may_answer(request.user, advice_request)
    if may_answer and form is None:
        form = AnswerForm()
    return render(
        request,
        "approvals/advice/detail.html",
        {
            "advice_request": advice_request,
            "form": form if may_answer else None,
            "is_author": advice_request.author_id == request.user.pk,
        },
        status=status,
    )


@require_http_methods(["GET"])
def advice_detail(request, pk):
    return _detail(request, _visible(request, pk))


@require_POST
def advice_answer(request, pk):
    advice_request = _visible(request, pk)
    if not permissions.may_answer(request.user, advice_request):
        if advice_request.waiting:
            raise Http404
        messages.error(request, "This request has already been answered.")
        return redirect("approvals:advice", advice_request.pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        with refusal_on(form) as attempt:
            answered = services.answer(
                request_id=advice_request.pk,
                by=request.user,
                answer=form.cleaned_data["answer"],
                advice=form.cleaned_data["advice"],
            )
        if not attempt.refused:
            done = f"Your answer has been sent to {answered.author}."
            if answered.post_id:
                done += " A draft post has been made for them to complete and submit."
            messages.success(request, done)
            return redirect("approvals:advice", answered.pk)
    return _detail(request, advice_request, form=form, status=400)
