"""Working hours: the hours of working days, London time. Weekends and
England and Wales bank holidays are not working days.

A working day counts whole, midnight to midnight: a post submitted on a
Friday at 16:00 has waited 24 working hours at 16:00 on the Monday (or the
Tuesday, after a bank holiday).
"""

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays
from django.utils import timezone


@cache
def _bank_holidays() -> holidays.HolidayBase:
    # England and Wales share their bank holidays; the library files them under England.
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def working_day_from(day: date) -> date:
    """``day`` when it is a working day, otherwise the next one that is."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


class WorkingClock:
    """Working hours from any moment up to ``now``.

    Made once per sweep: it walks back from ``now`` one day at a time, only
    as far as the oldest moment asked about, and remembers the walk, so that
    ten thousand posts cost one walk rather than one each.
    """

    def __init__(self, now: datetime):
        self.now = now
        self._zone = timezone.get_default_timezone()
        today = timezone.localtime(now, self._zone).date()
        self._earliest = today
        # Working seconds from the start of each day walked so far up to now.
        self._until_now = {
            today: now.timestamp() - self._midnight(today) if is_working_day(today) else 0.0
        }

    def _midnight(self, day: date) -> float:
        # Timestamps, not aware datetimes: subtracting two datetimes in the same
        # zone ignores a change of clocks between them.
        return datetime.combine(day, time.min, tzinfo=self._zone).timestamp()

    def _walk_back_to(self, day: date) -> None:
        while self._earliest > day:
            previous = self._earliest - timedelta(days=1)
            length = self._midnight(self._earliest) - self._midnight(previous)
            self._until_now[previous] = self._until_now[self._earliest] + (
                length if is_working_day(previous) else 0.0
            )
            self._earliest = previous

    def hours_since(self, start: datetime) -> float:
        if start >= self.now:
            return 0.0
        day = timezone.localtime(start, self._zone).date()
        self._walk_back_to(day)
        seconds = self._until_now[day]
        if is_working_day(day):
            seconds -= start.timestamp() - self._midnight(day)
        return seconds / 3600

    def moment_before(self, hours: float) -> datetime:
        """The moment ``hours`` working hours before ``now``: the latest start from
        which ``hours_since`` gives ``hours``. Turns "waiting more than two working
        days" into a plain comparison of timestamps that a query can make."""
        wanted = hours * 3600
        day = timezone.localtime(self.now, self._zone).date()
        while True:
            self._walk_back_to(day)
            if is_working_day(day) and self._until_now[day] >= wanted:
                moment = self._midnight(day) + self._until_now[day] - wanted
                return datetime.fromtimestamp(moment, tz=self._zone)
            day -= timedelta(days=1)
