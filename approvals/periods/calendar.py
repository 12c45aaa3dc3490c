"""What goes out when: a month of scheduled, approved and published posts by
day, with the sensitive periods across the days they cover, and who may see
which department's calendar.

A month is read in a fixed number of queries however many posts it holds:
one for the departments (and whose the person is), one for what authority
they hold, one for the posts and at most three for the periods
(``coverage.overlapping``). Days are London days, across the changes to and
from British Summer Time.
"""

import calendar
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from approvals.authority.holdings import departments_with
from approvals.models import Authority, Department, Post, PostStatus, StaffProfile
from approvals.periods.coverage import Cover
from approvals.posts.channels import Channel

# Scheduled (waiting for sign-off), approved and published: what will go, or went, out.
SHOWN = (PostStatus.SUBMITTED, PostStatus.APPROVED, PostStatus.PUBLISHED)
# Only what has been signed off is shown in words: a text still waiting may change.
WORDED = frozenset({PostStatus.APPROVED, PostStatus.PUBLISHED})
SHORT_TEXT = 80
STATUS_LABELS = {
    PostStatus.SUBMITTED: "Scheduled",
    PostStatus.APPROVED: "Approved",
    PostStatus.PUBLISHED: "Published",
}
CHANNEL_LABELS = dict(Channel.choices())
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


@dataclass(frozen=True)
class Place:
    """A department whose calendar the person may see."""

    pk: int
    name: str
    slug: str
    parent_id: int | None


def visible_departments(user) -> list[Place]:
    """The departments whose calendars ``user`` may see, by name: their own,
    its parent department and its agencies, wherever they hold any authority,
    and every one for a superuser. One query, and one for their authority
    (kept for the request)."""
    if not (user.is_authenticated and user.is_active):
        return []
    rows = list(
        Department.objects.order_by("name")
        .values("pk", "name", "slug", "parent_id")
        # Whose department it is, in the same query.
        .annotate(mine=Exists(StaffProfile.objects.filter(user=user, department=OuterRef("pk"))))
    )
    if user.is_superuser:
        return [_place(row) for row in rows]
    held: set[int] = set()
    for authority in Authority:
        held |= departments_with(user, authority)
    mine = next((row for row in rows if row["mine"]), None)
    related = set()
    if mine is not None:
        related = {mine["pk"], mine["parent_id"]}
        related |= {row["pk"] for row in rows if row["parent_id"] == mine["pk"]}
    return [_place(row) for row in rows if row["pk"] in held or row["pk"] in related]


def _place(row: dict) -> Place:
    return Place(pk=row["pk"], name=row["name"], slug=row["slug"], parent_id=row["parent_id"])


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, year: int, month: int) -> "Month | None":
        """The month, or None for one that does not exist or is out of range."""
        if not (1 <= month <= 12 and EARLIEST_YEAR <= year <= LATEST_YEAR):
            return None
        return cls(year, month)

    @classmethod
    def current(cls) -> "Month":
        today = timezone.localdate()
        return cls(today.year, today.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def previous(self) -> "Month | None":
        year, month = (self.year, self.month - 1) if self.month > 1 else (self.year - 1, 12)
        return Month.of(year, month)

    @property
    def next(self) -> "Month | None":
        year, month = (self.year, self.month + 1) if self.month < 12 else (self.year + 1, 1)
        return Month.of(year, month)

    @property
    def start(self) -> datetime:
        """Its first London midnight, as an aware time."""
        return london_midnight(self.first_day)

    @property
    def end(self) -> datetime:
        following = self.next
        if following is None:
            return london_midnight(date(self.year + 1, 1, 1))
        return following.start


def london_midnight(day: date) -> datetime:
    # Clocks change at 01:00 and 02:00 in the UK, so a midnight is never skipped
    # or repeated.
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Entry:
    pk: int
    at: datetime
    channel: str
    channel_label: str
    account: str
    status: str
    status_label: str
    # Shortened; empty for a post still waiting for sign-off.
    text: str
    department: str


@dataclass
class Day:
    date: date
    in_month: bool
    today: bool
    entries: list[Entry] = field(default_factory=list)
    periods: list[Cover] = field(default_factory=list)


def entries_in(
    month: Month, department_ids: Collection[int] | None, channel: str = ""
) -> list[Entry]:
    """The month's posts in these departments (None: all of them), in the order
    they go out: one query."""
    posts = Post.objects.filter(
        status__in=SHOWN, publish_at__gte=month.start, publish_at__lt=month.end
    )
    if department_ids is not None:
        posts = posts.filter(department_id__in=department_ids)
    if channel:
        posts = posts.filter(channel=channel)
    rows = posts.order_by("publish_at", "pk").values(
        "pk", "publish_at", "channel", "account", "status", "text", "department__name"
    )
    return [entry_of(row) for row in rows]


def entry_of(row: dict) -> Entry:
    return Entry(
        pk=row["pk"],
        at=timezone.localtime(row["publish_at"]),
        channel=row["channel"],
        channel_label=CHANNEL_LABELS.get(row["channel"], row["channel"]),
        account=row["account"],
        status=row["status"],
        status_label=STATUS_LABELS.get(row["status"], row["status"]),
        text=shortened(row["text"]) if row["status"] in WORDED else "",
        department=row["department__name"],
    )


def shortened(text: str) -> str:
    # Plain slicing: Truncator's care for combining characters costs a busy
    # month a tenth of its time, and the full text is a click away.
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT else f"{text[: SHORT_TEXT - 1].rstrip()}…"


def covering_any(covers: Iterable[Cover], department_ids: Collection[int] | None) -> list[Cover]:
    """The periods covering at least one of these departments (None: any)."""
    return [
        cover
        for cover in covers
        if cover.departments is None
        or department_ids is None
        or not cover.departments.isdisjoint(department_ids)
    ]


@dataclass(frozen=True)
class Week:
    days: list[Day]

    @property
    def quiet(self) -> bool:
        """Nothing on any day of the month in it."""
        return not any(day.in_month and (day.entries or day.periods) for day in self.days)


def weeks(month: Month, entries: Iterable[Entry], covers: list[Cover]) -> list[Week]:
    """The month as weeks from Monday to Sunday, each day with its entries and
    the periods in force at any time on it; the days either side of the month
    are shown, without entries."""
    by_day: defaultdict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_day[entry.at.date()].append(entry)
    today = timezone.localdate()
    grid = []
    for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    ):
        days = []
        for day in week:
            start = london_midnight(day)
            end = london_midnight(day + timedelta(days=1))
            days.append(
                Day(
                    date=day,
                    in_month=day.month == month.month,
                    today=day == today,
                    entries=by_day.get(day, []) if day.month == month.month else [],
                    periods=[cover for cover in covers if cover.overlaps(start, end)],
                )
            )
        grid.append(Week(days))
    return grid
