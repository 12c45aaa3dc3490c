"""The reports' figures, each read in a fixed number of queries whatever the
number of posts: counted, grouped and ranked by PostgreSQL.

Turnaround reads what each decision kept when it was made (``posts.turnaround``):
the working hours its version waited at the step and since submission, and
whether it ended sign-off; so medians and percentiles are one
``percentile_cont`` over a column."""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FilteredRelation,
    FloatField,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Coalesce, TruncWeek
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
from approvals.reminders.working_hours import WorkingClock

# How long posts have waited at their step, in working days of 24 working hours.
AGE_BANDS = (
    ("Under 1 working day", 0, 1),
    ("1 to 2 working days", 1, 2),
    ("2 to 5 working days", 2, 5),
    ("5 working days or more", 5, None),
)
TOP_APPROVERS = 10
# Primary keys of the departments reported on, or None for every department.
Departments = Collection[int] | None


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

    def as_sqlite(self, compiler, connection, **extra_context):
        # The aggregate ``reports.sqlite`` registers: the fraction is its second argument.
        return self.as_sql(
            compiler,
            connection,
            template="%(function)s(%(expressions)s, %(fraction)s)",
            **extra_context,
        )


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


WEEKLY = ("submitted", "approved", "rejected", "expired")


def _in(departments: Departments, path: str) -> Q:
    """Within ``departments``, reached by ``path``; None is every department (no join)."""
    return Q() if departments is None else Q(**{f"{path}__in": departments})


def _per_week(rows: QuerySet, what: str) -> QuerySet:
    """``rows`` counted by the week they were made in and by ``what``."""
    return (
        rows.annotate(week=TruncWeek("created_at", tzinfo=timezone.get_default_timezone()))
        .values_list("week", what)
        .annotate(n=Count("pk"))
        .order_by()
    )


def weekly(departments: Departments, period: Period) -> dict[date, Counter]:
    """Posts submitted, approved at their last step, rejected and expired in each
    week: two queries."""
    counts: dict[date, Counter] = {monday: Counter() for monday in period.mondays}
    events = _per_week(
        AuditEvent.objects.filter(
            _in(departments, "post__department"),
            action__in=[AuditAction.SUBMITTED, AuditAction.EXPIRED],
            created_at__gte=period.start,
        ),
        "action",
    )
    decisions = _per_week(
        Decision.objects.filter(
            _in(departments, "version__post__department"),
            ends_sign_off=True,
            outcome__in=[Outcome.APPROVED, Outcome.REJECTED],
            created_at__gte=period.start,
        ),
        "outcome",
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


def _decided_in(departments: Departments, period: Period) -> QuerySet[Decision]:
    return Decision.objects.filter(
        _in(departments, "version__post__department"), created_at__gte=period.start
    )


def by_step(departments: Departments, period: Period) -> list[Turnaround]:
    """Working hours from reaching each step to its decision: one query."""
    rows = {
        row["stage"]: row
        for row in _decided_in(departments, period)
        .filter(waited_working_hours__isnull=False)
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


def by_department(departments: Departments, period: Period) -> list[Turnaround]:
    """Working hours from submission to the decision that ended sign-off, by
    department: one query."""
    rows = (
        _decided_in(departments, period)
        .filter(ends_sign_off=True, working_hours_since_submission__isnull=False)
        .values("version__post__department__name")
        .annotate(
            n=Count("pk"),
            median=Percentile("working_hours_since_submission", 0.5),
            p90=Percentile("working_hours_since_submission", 0.9),
        )
        .order_by("version__post__department__name")
    )
    return [
        Turnaround(row["version__post__department__name"], row["n"], row["median"], row["p90"])
        for row in rows
    ]


def ages(departments: Departments, now: datetime) -> list[tuple[str, int]]:
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
    # When each began to wait, as ``selectors.waiting_since`` says, read through a
    # join rather than its subquery: each count below would run the subquery again.
    line_manager_approval = FilteredRelation(
        "current_version__decisions",
        condition=Q(
            current_version__decisions__stage=Stage.LINE_MANAGER,
            current_version__decisions__outcome=Outcome.APPROVED,
        ),
    )
    totals = (
        Post.objects.filter(_in(departments, "department"), status=PostStatus.SUBMITTED)
        .alias(
            approval=line_manager_approval,
            since=Case(
                When(
                    stage=Stage.DEPARTMENT,
                    then=Coalesce(F("approval__created_at"), F("submitted_at")),
                ),
                default=F("submitted_at"),
            ),
        )
        .aggregate(**counts)
    )
    return [(label, totals[f"band{i}"]) for i, (label, _, _) in enumerate(AGE_BANDS)]


@dataclass(frozen=True)
class Waiting:
    name: str
    posts: int


def top_approvers(departments: Departments, now: datetime) -> tuple[list[Waiting], int]:
    """The people with the most posts waiting for them, by the routing rule
    (``routing.approvers_of_many``), and how many posts wait for nobody: six
    queries however many posts wait."""
    routes = [
        routing.route_from_row(row)
        for row in Post.objects.filter(_in(departments, "department"), status=PostStatus.SUBMITTED)
        .values(*routing.ROUTE_COLUMNS)
        .order_by()
    ]
    routed = routing.approvers_of_many(
        routes, on=timezone.localtime(now).date(), departments=departments
    )
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
