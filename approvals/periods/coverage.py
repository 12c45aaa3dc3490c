"""Which sensitive periods cover a department at a given time.

A period covers every department, or the departments chosen and their
agencies (at any depth). Its cover is worked out in Python from one read of
the departments' tree, so a page asks a fixed number of queries however many
periods and departments there are.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from approvals.models import Department, SensitivePeriod
from portal.caching import generations
from portal.caching.invalidation import PERIODS


@dataclass(frozen=True)
class Cover:
    """A period and the departments it covers (None: all of them)."""

    id: int
    name: str
    kind: str
    kind_label: str
    starts_at: datetime
    ends_at: datetime | None
    guidance: str
    departments: frozenset[int] | None

    def in_force_at(self, when: datetime) -> bool:
        """From its start minute (inside) to its end minute (outside)."""
        return self.starts_at <= when and (self.ends_at is None or when < self.ends_at)

    def covers(self, department_id: int | None, when: datetime) -> bool:
        if not self.in_force_at(when):
            return False
        return self.departments is None or department_id in self.departments

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether it is in force at any time in [start, end)."""
        return self.starts_at < end and (self.ends_at is None or self.ends_at > start)


def agencies_under() -> dict[int, list[int]]:
    """Each department's agencies: one query."""
    children: defaultdict[int, list[int]] = defaultdict(list)
    for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children[parent_id].append(pk)
    return children


def with_agencies(chosen: Iterable[int], children: dict[int, list[int]]) -> frozenset[int]:
    found: set[int] = set()
    stack = list(chosen)
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return frozenset(found)


def covers_of(periods: Iterable[SensitivePeriod]) -> list[Cover]:
    """Each period's cover: two queries, however many periods."""
    periods = list(periods)
    chosen: defaultdict[int, list[int]] = defaultdict(list)
    through = SensitivePeriod.departments.through.objects.filter(
        sensitiveperiod_id__in=[period.pk for period in periods]
    )
    for period_id, department_id in through.values_list("sensitiveperiod_id", "department_id"):
        chosen[period_id].append(department_id)
    children = agencies_under() if periods else {}
    return [
        Cover(
            id=period.pk,
            name=period.name,
            kind=period.kind,
            kind_label=period.get_kind_display(),
            starts_at=period.starts_at,
            ends_at=period.ends_at,
            guidance=period.guidance,
            departments=None
            if period.all_departments
            else with_agencies(chosen[period.pk], children),
        )
        for period in periods
    ]


def cover_of(period: SensitivePeriod) -> Cover:
    return covers_of([period])[0]


def unended(now: datetime | None = None) -> list[Cover]:
    """Periods in force or to come, read afresh: what the services decide by."""
    now = now or timezone.now()
    return covers_of(SensitivePeriod.objects.exclude(ends_at__lte=now).order_by("starts_at", "pk"))


def overlapping(start: datetime, end: datetime) -> list[Cover]:
    """Periods in force at any time in [start, end), read afresh (the calendar)."""
    periods = SensitivePeriod.objects.filter(starts_at__lt=end).exclude(ends_at__lte=start)
    return covers_of(periods.order_by("starts_at", "pk"))


def covering(department_id: int, when: datetime) -> Cover | None:
    """The period covering ``department_id`` at ``when``, read afresh, or None.
    Of several, the one that started first."""
    for cover in unended(min(when, timezone.now())):
        if cover.covers(department_id, when):
            return cover
    return None


def unended_wanted() -> generations.Kept:
    """``unended``, kept in the cache until a period changes: what every page's
    banner reads. A period that starts or ends meanwhile is found by its times."""
    return generations.Kept(
        PERIODS, "unended", lambda: unended(), settings.APPROVALS_PERIODS_KEPT_SECONDS
    )


def unended_kept() -> list[Cover]:
    return generations.value(unended_wanted())


def in_force_for(department_id: int | None, now: datetime | None = None) -> list[Cover]:
    """The periods covering a department now, from the cache (the banner)."""
    now = now or timezone.now()
    return [cover for cover in unended_kept() if cover.covers(department_id, now)]
