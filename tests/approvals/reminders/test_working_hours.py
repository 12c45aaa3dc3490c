"""Working hours, by which reminders fall due: the hours of working days in London,
without weekends and England and Wales bank holidays."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from approvals.reminders.working_hours import WorkingClock, is_working_day

pytestmark = pytest.mark.unit

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 10, 10, 0, tzinfo=LONDON)  # a Wednesday


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (at(2026, 6, 10, 9), at(2026, 6, 10, 17), 8),  # within a day
        (at(2026, 6, 12, 16), at(2026, 6, 15, 16), 24),  # over a weekend
        (at(2026, 6, 13, 10), at(2026, 6, 15, 10), 10),  # from a Saturday
        (at(2026, 4, 2, 16), at(2026, 4, 7, 16), 24),  # Good Friday and Easter Monday
        (at(2026, 12, 24, 12), at(2026, 12, 29, 12), 24),  # Christmas, Boxing Day observed
        (at(2026, 3, 27, 12), at(2026, 3, 30, 12), 24),  # clocks go forward on the Sunday
        (at(2026, 10, 23, 12), at(2026, 10, 26, 12), 24),  # and back
    ],
)
def test_working_hours_skip_weekends_and_england_and_wales_bank_holidays(start, end, hours):
    assert WorkingClock(end).hours_since(start) == pytest.approx(hours)


def test_one_clock_answers_for_many_starts_as_each_would_alone():
    clock = WorkingClock(NOW)
    starts = [NOW - timedelta(hours=h) for h in (1, 30, 100, 500, 2000, 45)]
    assert [clock.hours_since(s) for s in starts] == [
        pytest.approx(WorkingClock(NOW).hours_since(s)) for s in starts
    ]


def test_bank_holidays_come_from_the_holidays_library_not_a_list():
    assert not is_working_day(date(2027, 12, 28))  # Boxing Day observed, 2027
    assert not is_working_day(date(2026, 8, 31))  # late summer bank holiday
    assert is_working_day(date(2026, 11, 30))  # St Andrew's Day is Scotland's only


@pytest.mark.parametrize(
    ("now", "hours", "moment"),
    [
        (at(2026, 6, 10, 10), 4, at(2026, 6, 10, 6)),  # within the day
        (at(2026, 6, 15, 10), 24, at(2026, 6, 12, 10)),  # back over a weekend
        (at(2026, 4, 7, 10), 24, at(2026, 4, 2, 10)),  # and over Easter
        (at(2026, 6, 13, 10), 10, at(2026, 6, 12, 14)),  # from a Saturday
    ],
)
def test_the_moment_a_number_of_working_hours_ago(now, hours, moment):
    clock = WorkingClock(now)
    assert clock.moment_before(hours) == moment
    assert clock.hours_since(clock.moment_before(hours)) == pytest.approx(hours)
