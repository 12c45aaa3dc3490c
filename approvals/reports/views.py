"""The reports page for department admins (their departments and those
departments' agencies) and each figure's CSV. Anyone else gets a 404."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from approvals.reports import downloads, figures, queries
from approvals.reports.filters import ReportFilter


def scope(request, places: list[queries.Place], *, everywhere: bool):
    """The filter, the departments chosen (None for every one, when the person sees
    every one and chose none: no need to name them all to the database) and the
    period, read from the address."""
    form = ReportFilter(request.GET or None, places=places)
    slug, weeks = form.chosen()
    chosen = [place for place in places if place.slug == slug] if slug else places
    departments = None if everywhere and not slug else [place.pk for place in chosen]
    period = queries.Period(weeks=weeks, now=timezone.now())
    return form, chosen, departments, period


@require_GET
def reports(request):
    places = queries.departments_for(request.user)
    if not places:
        raise Http404
    form, chosen, departments, period = scope(request, places, everywhere=request.user.is_superuser)
    return render(
        request,
        "approvals/reports/reports.html",
        {
            "form": form,
            "chosen": chosen[0] if len(chosen) == 1 and len(places) > 1 else None,
            "period": period,
            "figures": figures.all_figures(departments, period),
            "query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def figure_csv(request, places: list[queries.Place], *, everywhere: bool):
    """One figure's CSV (``?figure=``, the weekly counts if none is named), for the
    choice the page's address made; 404 for a figure or a choice not offered."""
    slug = request.GET.get("figure", "weekly")
    form, chosen, departments, period = scope(request, places, everywhere=everywhere)
    if slug not in figures.FIGURES or form.errors:
        raise Http404
    one = chosen[0].slug if len(chosen) == 1 else "all"
    return downloads.csv_response(figures.build(slug, departments, period), scope=one)


@require_GET
def reports_csv(request):
    places = queries.departments_for(request.user)
    if not places:
        raise Http404
    return figure_csv(request, places, everywhere=request.user.is_superuser)
