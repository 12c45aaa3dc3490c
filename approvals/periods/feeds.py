"""A person's calendar feed: the signed-off posts and sensitive periods of the
departments whose calendars they may see, as iCalendar for Outlook.

The feed is read without a session, by its secret token alone, in a fixed
number of queries however many posts it lists.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from approvals.models import CalendarFeed, Post, PostStatus
from approvals.models.calendar_feeds import new_token
from approvals.periods import coverage
from approvals.periods.calendar import CHANNEL_LABELS, covering_any, visible_departments

# Only what has been signed off: a post still waiting may yet change or be refused.
LISTED = (PostStatus.APPROVED, PostStatus.PUBLISHED)
PAST = timedelta(days=92)
AHEAD = timedelta(days=366)
POST_LASTS = timedelta(minutes=15)


def feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def renew(*, user) -> CalendarFeed:
    """Make ``user``'s feed, or give it a new token: the old address stops working."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    return feed


def owner_of(token: str):
    """The active person whose feed this is, or None: one query."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def calendar_for(user, *, host: str, post_url: Callable[[int], str]) -> bytes:
    """``user``'s feed: each approved or published post in the departments
    whose calendars they may see, from three months back to a year ahead, and
    the sensitive periods covering those departments. ``post_url`` makes a
    post's absolute address from its id."""
    now = timezone.now()
    start, end = now - PAST, now + AHEAD
    places = visible_departments(user)
    department_ids = [place.pk for place in places]
    names = {place.pk: place.name for place in places}
    feed = Calendar()
    feed.add("prodid", "-//Participating online//Calendar//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", "Official posts")
    posts = (
        Post.objects.filter(
            department_id__in=department_ids,
            status__in=LISTED,
            publish_at__gte=start,
            publish_at__lt=end,
        )
        .order_by("publish_at", "pk")
        .values("pk", "publish_at", "channel", "account", "status", "text", "department_id")
    )
    for row in posts:
        feed.add_component(
            _post_event(row, host=host, url=post_url(row["pk"]), names=names, now=now)
        )
    covers = covering_any(coverage.overlapping(start, end), department_ids) if places else []
    for cover in covers:
        feed.add_component(_period_event(cover, host=host, until=end, now=now))
    return feed.to_ical()


def _post_event(row: dict, *, host: str, url: str, names: dict, now: datetime) -> Event:
    channel = CHANNEL_LABELS.get(row["channel"], row["channel"])
    status = "Published" if row["status"] == PostStatus.PUBLISHED else "Approved"
    event = Event()
    event.add("uid", f"post-{row['pk']}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", row["publish_at"].astimezone(UTC))
    event.add("dtend", (row["publish_at"] + POST_LASTS).astimezone(UTC))
    event.add("summary", f"{channel}: {row['account']}")
    event.add(
        "description",
        f"{status}, {names.get(row['department_id'], '')}\n\n{row['text']}\n\n{url}",
    )
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _period_event(cover: coverage.Cover, *, host: str, until: datetime, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"period-{cover.id}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", cover.starts_at.astimezone(UTC))
    # One not yet ended is shown to the end of the feed, and says so.
    event.add("dtend", (cover.ends_at or until).astimezone(UTC))
    open_ended = "" if cover.ends_at else " (until further notice)"
    event.add("summary", f"Sensitive period: {cover.name}{open_ended}")
    event.add("description", f"{cover.kind_label}\n\n{cover.guidance}".strip())
    event.add("transp", "TRANSPARENT")
    return event
