"""The calendar of what goes out when, by month, and each person's calendar feed."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from approvals.periods import calendar, coverage, feeds
from approvals.periods.calendar_filters import ChannelFilter


@require_GET
def current_month(request):
    month = calendar.Month.current()
    return redirect("approvals:calendar_month", year=month.year, month=month.month)


@require_GET
def all_departments(request, year: int, month: int):
    shown = calendar.Month.of(year, month)
    places = calendar.visible_departments(request.user)
    if shown is None:
        raise Http404
    if not places:
        return render(request, "approvals/calendar/none.html")
    # A superuser sees every department: no need to name them all to the database.
    department_ids = None if request.user.is_superuser else [place.pk for place in places]
    return _month_page(request, shown, places, department_ids, place=None)


@require_GET
def department_month(request, slug: str, year: int, month: int):
    shown = calendar.Month.of(year, month)
    places = calendar.visible_departments(request.user)
    place = next((place for place in places if place.slug == slug), None)
    if shown is None or place is None:
        raise Http404
    return _month_page(request, shown, places, [place.pk], place=place)


def _month_page(request, month, places, department_ids, *, place):
    channels = ChannelFilter(request.GET or None)
    channel = channels.chosen()
    entries = calendar.entries_in(month, department_ids, channel)
    covers = calendar.covering_any(coverage.overlapping(month.start, month.end), department_ids)
    query = urlencode({"channel": channel}) if channel else ""

    def month_url(other):
        if other is None:
            return None
        if place is None:
            url = reverse("approvals:calendar_month", args=[other.year, other.month])
        else:
            url = reverse(
                "approvals:calendar_department", args=[place.slug, other.year, other.month]
            )
        return f"{url}?{query}" if query else url

    return render(
        request,
        "approvals/calendar/month.html",
        {
            "month": month,
            "place": place,
            # Which department each post is in is said when there may be several.
            "many": place is None,
            "places": places,
            "weeks": calendar.weeks(month, entries, covers),
            "entries": len(entries),
            "periods": _with_pages(covers),
            "channels": channels,
            "channel": channel,
            "previous_url": month_url(month.previous),
            "next_url": month_url(month.next),
            "weekdays": [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
        },
        status=400 if channels.errors else 200,
    )


def _with_pages(covers) -> list[tuple[coverage.Cover, str | None]]:
    """Each period with its page's address, where the periods have pages."""
    try:
        return [(cover, reverse("approvals:period", args=[cover.id])) for cover in covers]
    except NoReverseMatch:
        return [(cover, None) for cover in covers]


@require_GET
def feed_page(request):
    feed = feeds.feed_of(request.user)
    url = (
        request.build_absolute_uri(reverse("approvals:calendar_feed_ics", args=[feed.token]))
        if feed
        else None
    )
    return render(request, "approvals/calendar/feed.html", {"feed": feed, "feed_url": url})


@require_POST
def feed_renew(request):
    had_one = feeds.feed_of(request.user) is not None
    feeds.renew(user=request.user)
    messages.success(
        request,
        "You have a new calendar address. The old one no longer works: add the new one "
        "to your calendar."
        if had_one
        else "Your calendar address is ready.",
    )
    return redirect("approvals:calendar_feed")


@login_not_required
@never_cache
@require_GET
def feed_ics(request, token: str):
    user = feeds.owner_of(token)
    if user is None:
        raise Http404
    body = feeds.calendar_for(
        user,
        host=request.get_host().split(":")[0],
        post_url=lambda pk: request.build_absolute_uri(reverse("approvals:post", args=[pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="official-posts.ics"'
    return response
