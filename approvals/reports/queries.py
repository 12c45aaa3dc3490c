"""The reports' figures, each read in a fixed number of queries whatever the
number of posts: counted, grouped and ranked by PostgreSQL.

Turnaround reads ``Decision.waited_working_hours``, the working hours a version
waited at each step, kept when the decision was made (``posts.turnaround``), so
medians and percentiles are one ``percentile_cont`` over a column."""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncWeek
from django.utils import timezone

from approvals import routing
from approvals.authority import holdings
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    Department,
    Outcome,
    Post,
    PostStatus,
    Stage,
)
from approvals.posts.selectors import waiting_since
from approvals.reminders.working_hours import WorkingClock

# How long posts have waited at their step, in working days of 24 working hours.
AGE_BANDS = (
    ("Under 1 working day", 0, 1),
    ("1 to 2 working days", 1, 2),
    ("2 to 5 working days", 2, 5),
    ("5 working days or more", 5, None),
)
TOP_APPROVERS = 10


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``:
    the continuous percentile, interpolated between the two nearest values."""

    function = "percentile_cont"
    name = "Percentile"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("A percentile is a fraction between 0 and 1.")
        super().__init__(expression, fraction=float(fraction), **extra)


@dataclass(frozen=True)
class Place:
    pk: int
    name: str
    slug: str


def departments_for(user) -> list[Place]:
    """The departments whose reports ``user`` sees, by name: those where they hold
    manage-delegations and those departments' agencies; every one for a superuser.
    One query, and one for their authority (kept for the request)."""
    managed = holdings.managed_departments(user)
    if not managed:
        return []
    rows = (
        Department.objects.filter(Q(pk__in=managed) | Q(parent__in=managed))
        .order_by("name", "pk")
        .values_list("pk", "name", "slug")
    )
    return [Place(*row) for row in rows]


@dataclass(frozen=True)
class Period:
    """Whole weeks, Monday to Sunday in London, the last being this one."""

    weeks: int
    now: datetime

    @property
    def mondays(self) -> list[date]:
        today = timezone.localtime(self.now).date()
        this_monday = today - timedelta(days=today.weekday())
        return [this_monday - timedelta(weeks=n) for n in range(self.weeks - 1, -1, -1)]

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.mondays[0], datetime.min.time()))


def _week(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _ends_sign_off() -> Q:
    """The decision that ended a version's sign-off: a rejection, a request for
    changes, or the approval at its last step (no later decision, and the
    version is not still waiting for the next)."""
    later = Decision.objects.filter(
        version=OuterRef("version"), created_at__gt=OuterRef("created_at")
    )
    still_waiting = Q(
        version__post__current_version=F("version"), version__post__status=PostStatus.SUBMITTED
    )
    return Q(outcome__in=[Outcome.REJECTED, Outcome.CHANGES_REQUESTED]) | (
        Q(outcome=Outcome.APPROVED) & ~Exists(later) & ~still_waiting
    )


WEEKLY = ("submitted", "approved", "rejected", "expired")


def weekly(departments: Collection[int], period: Period) -> dict[date, Counter]:
    """Posts submitted, finally approved, rejected and expired in each week: two queries."""
    zone = timezone.get_default_timezone()
    counts: dict[date, Counter] = {monday: Counter() for monday in period.mondays}
    events = (
        AuditEvent.objects.filter(
            action__in=[AuditAction.SUBMITTED, AuditAction.EXPIRED],
            created_at__gte=period.start,
            post__department__in=departments,
        )
        .annotate(week=TruncWeek("created_at", tzinfo=zone))
        .values_list("week", "action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decisions = (
        Decision.objects.filter(
            _ends_sign_off(),
            outcome__in=[Outcome.APPROVED, Outcome.REJECTED],
            created_at__gte=period.start,
            version__post__department__in=departments,
        )
        .annotate(week=TruncWeek("created_at", tzinfo=zone))
        .values_list("week", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for week, what, n in [*events, *decisions]:
        counts.setdefault(_week(week), Counter())[str(what)] += n
    return counts


@dataclass(frozen=True)
class Turnaround:
    label: str
    decisions: int
    median: float
    p90: float


def _decided_in(departments: Collection[int], period: Period) -> QuerySet[Decision]:
    return Decision.objects.filter(
        created_at__gte=period.start,
        version__post__department__in=departments,
        waited_working_hours__isnull=False,
    )


def by_step(departments: Collection[int], period: Period) -> list[Turnaround]:
    """Working hours from reaching each step to its decision: one query."""
    rows = {
        row["stage"]: row
        for row in _decided_in(departments, period)
        .values("stage")
        .annotate(
            n=Count("pk"),
            median=Percentile("waited_working_hours", 0.5),
            p90=Percentile("waited_working_hours", 0.9),
        )
        .order_by()
    }
    return [
        Turnaround(stage.label, rows[stage]["n"], rows[stage]["median"], rows[stage]["p90"])
        for stage in Stage
        if stage in rows
    ]


def by_department(departments: Collection[int], period: Period) -> list[Turnaround]:
    """Working hours from submission to the decision that ended sign-off, each
    step's wait added up, by department: one query."""
    so_far = (
        Decision.objects.filter(version=OuterRef("version"), created_at__lte=OuterRef("created_at"))
        .values("version")
        .annotate(total=Sum("waited_working_hours"))
        .values("total")
    )
    rows = (
        _decided_in(departments, period)
        .filter(_ends_sign_off())
        .alias(total=Subquery(so_far))
        .values("version__post__department__name")
        .annotate(
            n=Count("pk"),
            median=Percentile("total", 0.5),
            p90=Percentile("total", 0.9),
        )
        .order_by("version__post__department__name")
    )
    return [
        Turnaround(row["version__post__department__name"], row["n"], row["median"], row["p90"])
        for row in rows
    ]


def ages(departments: Collection[int], now: datetime) -> list[tuple[str, int]]:
    """Posts waiting now, by how long they have waited at their step in working
    days: the band edges are worked out as moments, then one query counts."""
    clock = WorkingClock(now)
    edges = {
        days: clock.moment_before(days * 24)
        for _, low, high in AGE_BANDS
        for days in (low, high)
        if days
    }
    counts = {}
    for i, (_, low, high) in enumerate(AGE_BANDS):
        band = Q()
        if low:
            band &= Q(since__lte=edges[low])
        if high:
            band &= Q(since__gt=edges[high])
        counts[f"band{i}"] = Count("pk", filter=band)
    totals = (
        Post.objects.filter(status=PostStatus.SUBMITTED, department__in=departments)
        .alias(since=waiting_since())
        .aggregate(**counts)
    )
    return [(label, totals[f"band{i}"]) for i, (label, _, _) in enumerate(AGE_BANDS)]


@dataclass(frozen=True)
class Waiting:
    name: str
    posts: int


def top_approvers(departments: Collection[int], now: datetime) -> tuple[list[Waiting], int]:
    """The people with the most posts waiting for them, by the routing rule
    (``routing.approvers_of_many``), and how many posts wait for nobody: six
    queries however many posts wait."""
    routes = [
        routing.route_from_row(row)
        for row in Post.objects.filter(status=PostStatus.SUBMITTED, department__in=departments)
        .values(*routing.ROUTE_COLUMNS)
        .order_by()
    ]
    routed = routing.approvers_of_many(routes, on=timezone.localtime(now).date())
    counts: Counter[int] = Counter()
    for people in routed.approvers.values():
        counts.update(people)
    nobody = sum(1 for people in routed.approvers.values() if not people)
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_APPROVERS]
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in get_user_model()
        .objects.filter(pk__in=[pk for pk, _ in top])
        .only("first_name", "last_name", "username")
    }
    return [Waiting(names[pk], n) for pk, n in top if pk in names], nobody
