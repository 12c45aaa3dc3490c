"""Reminders of advice requests waiting for an answer: by the posts' working hours,
to the manager asked and whoever covers them, each once, and never adding up over a
weekend or a bank holiday."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from approvals.advice import reminders, services
from approvals.models import (
    AdviceReminder,
    AdviceRequest,
    Delegation,
    OutboxMessage,
    ReminderPolicy,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ABOUT = "May I speak about our sign-off process at a conference?"


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def asked_at(org, when: datetime) -> AdviceRequest:
    asked = services.ask(
        author=org.author, capacity="official", channel="other", where="A conference", about=ABOUT
    )
    AdviceRequest.objects.filter(pk=asked.pk).update(created_at=when)
    OutboxMessage.objects.all().delete()
    return asked


def digests() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="advice-reminders:").order_by("to"))


@pytest.fixture
def cover(org):
    Delegation.objects.filter(delegator=org.manager).update(
        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )


def test_after_a_working_day_the_manager_and_their_deputy_are_reminded_once(org, cover):
    asked = asked_at(org, at(2026, 6, 9, 9, 0))  # a Tuesday
    result = reminders.sweep(now=at(2026, 6, 10, 10, 0))
    assert (result.waiting, result.reminders, result.digests) == (1, 2, 2)
    assert {m.to for m in digests()} == {org.manager.email, org.deputy.email}
    body = digests()[0].body
    assert f"/advice/{asked.pk}/" in body and "25 working hours" in body
    # What was asked stays behind the page.
    assert ABOUT not in body
    again = reminders.sweep(now=at(2026, 6, 10, 11, 0))
    assert (again.reminders, again.digests) == (0, 0)
    assert len(digests()) == 2


def test_nothing_adds_up_over_a_weekend(org):
    asked_at(org, at(2026, 6, 5, 16, 0))  # a Friday afternoon: 8 working hours that day
    for saturday_or_sunday in (at(2026, 6, 6, 12, 0), at(2026, 6, 7, 23, 0)):
        assert reminders.sweep(now=saturday_or_sunday).reminders == 0
    assert reminders.sweep(now=at(2026, 6, 8, 15, 0)).reminders == 0  # 23 working hours
    assert reminders.sweep(now=at(2026, 6, 8, 16, 0)).reminders == 1
    assert [m.to for m in digests()] == [org.manager.email]


def test_nothing_adds_up_on_a_bank_holiday(org):
    asked_at(org, at(2026, 8, 28, 16, 0))  # the Friday before the summer bank holiday
    assert reminders.sweep(now=at(2026, 8, 31, 23, 0)).reminders == 0  # the bank holiday
    assert reminders.sweep(now=at(2026, 9, 1, 15, 0)).reminders == 0
    assert reminders.sweep(now=at(2026, 9, 1, 16, 0)).reminders == 1


def test_reminders_repeat_by_the_departments_policy(org):
    ReminderPolicy.objects.create(
        department=org.cabinet_office,
        first_after=2,
        repeat_every=3,
        escalate_after=400,
        urgent_within=1,
    )
    asked_at(org, at(2026, 6, 10, 9, 0))
    assert reminders.sweep(now=at(2026, 6, 10, 10, 0)).reminders == 0
    assert reminders.sweep(now=at(2026, 6, 10, 11, 0)).reminders == 1
    assert reminders.sweep(now=at(2026, 6, 10, 13, 0)).reminders == 0
    assert reminders.sweep(now=at(2026, 6, 10, 14, 0)).reminders == 1
    assert AdviceReminder.objects.filter(recipient=org.manager).count() == 2


def test_answered_requests_are_not_reminded(org, cover):
    asked = asked_at(org, at(2026, 6, 1, 9, 0))
    services.answer(request_id=asked.pk, by=org.deputy, answer="go_ahead", advice="Yes.")
    result = reminders.sweep(now=at(2026, 6, 10, 10, 0))
    assert (result.waiting, result.reminders) == (0, 0)
    assert digests() == []


def test_one_email_lists_every_request_waiting(org, make_post):
    first = asked_at(org, at(2026, 6, 1, 9, 0))
    colleague = services.ask(
        author=org.colleague, capacity="personal", channel="blog", where="Blog", about="Can I?"
    )
    AdviceRequest.objects.filter(pk=colleague.pk).update(created_at=at(2026, 6, 2, 9, 0))
    result = reminders.sweep(now=at(2026, 6, 10, 10, 0))
    assert (result.reminders, result.digests) == (2, 1)
    (digest,) = digests()
    assert digest.subject == "2 requests for advice wait for your answer"
    assert digest.body.index(f"/advice/{first.pk}/") < digest.body.index(f"/advice/{colleague.pk}/")


def test_a_sweep_asks_the_database_as_often_for_twenty_requests_as_for_two(org):
    def queries(count: int) -> int:
        AdviceReminder.objects.all().delete()
        for _ in range(count - AdviceRequest.objects.count()):
            asked_at(org, at(2026, 6, 1, 9, 0))
        with CaptureQueriesContext(connection) as captured:
            assert reminders.sweep(now=at(2026, 6, 10, 10, 0)).reminders == count
        return len(captured)

    assert queries(2) == queries(20)
