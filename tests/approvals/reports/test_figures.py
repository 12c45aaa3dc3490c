"""The reports' figures against a history worked out by hand (``history``):
working hours across a weekend and a bank holiday, weekly counts, age bands
and who has the most waiting."""

import importlib
from datetime import date

import pytest

from approvals.models import Decision
from approvals.reports import queries
from tests.approvals.reports import history
from tests.approvals.reports.history import NOW, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(org):
    history.build(org)
    return org


def everywhere(org):
    return [org.cabinet_office.pk, org.treasury.pk]


def test_each_decision_keeps_the_working_hours_it_waited_skipping_weekend_and_bank_holiday(past):
    waited = dict(
        Decision.objects.order_by("created_at").values_list("created_at", "waited_working_hours")
    )
    assert waited[at(28, 10, 5)] == pytest.approx(18)
    assert waited[at(29, 9, 5)] == pytest.approx(23)
    assert waited[at(3, 12)] == pytest.approx(24)
    assert waited[at(6, 18)] == pytest.approx(33)


def test_the_migration_works_out_the_same_for_decisions_made_before_it(past):
    from django.apps import apps

    backfill = importlib.import_module(
        "approvals.migrations.0017_reports_and_retention"
    ).backfill_decisions
    columns = ("pk", "waited_working_hours", "working_hours_since_submission", "ends_sign_off")
    kept = list(Decision.objects.order_by("pk").values_list(*columns))
    Decision.objects.update(
        waited_working_hours=None, working_hours_since_submission=None, ends_sign_off=False
    )
    backfill(apps, None)
    assert list(Decision.objects.order_by("pk").values_list(*columns)) == kept


def test_turnaround_by_step_is_the_median_and_90th_percentile_of_working_hours(past):
    steps = {row.label: row for row in queries.by_step(everywhere(past), queries.Period(4, NOW))}
    # Line manager: 2, 6, 18, 24 and 33 hours. The 90th percentile lies 0.6 of
    # the way from 24 to 33.
    assert steps["Line manager"].decisions == 5
    assert steps["Line manager"].median == pytest.approx(18)
    assert steps["Line manager"].p90 == pytest.approx(29.4)
    # Department: 23 and 24 hours.
    assert steps["Department approver"].decisions == 2
    assert steps["Department approver"].median == pytest.approx(23.5)
    assert steps["Department approver"].p90 == pytest.approx(23.9)


def test_turnaround_by_department_adds_up_the_steps_to_the_final_decision(past):
    rows = {
        row.label: row for row in queries.by_department(everywhere(past), queries.Period(4, NOW))
    }
    # Cabinet Office: 6 (rejected), 41 (approved at the second step) and 48 (changes
    # requested at the second step); the post still waiting for its second step is not
    # counted.
    assert rows["Cabinet Office"].decisions == 3
    assert rows["Cabinet Office"].median == pytest.approx(41)
    assert rows["Cabinet Office"].p90 == pytest.approx(46.6)
    assert (rows["HM Treasury"].decisions, rows["HM Treasury"].median) == (1, pytest.approx(2))


def test_a_shorter_period_leaves_out_what_was_decided_before_it(past):
    # One week: from Monday 3 June.
    rows = {
        row.label: row for row in queries.by_department(everywhere(past), queries.Period(1, NOW))
    }
    assert rows["Cabinet Office"].decisions == 2  # the rejection and the changes requested


def test_weekly_counts_by_monday(past):
    weeks = queries.weekly(everywhere(past), queries.Period(3, NOW))
    assert list(weeks) == [date(2024, 5, 20), date(2024, 5, 27), date(2024, 6, 3)]
    assert weeks[date(2024, 5, 20)] == {"submitted": 1}
    assert weeks[date(2024, 5, 27)] == {"submitted": 2, "approved": 1}
    assert weeks[date(2024, 6, 3)] == {
        "submitted": 5,
        "approved": 1,
        "rejected": 1,
        "expired": 1,
    }


def test_weekly_counts_for_one_department(past):
    weeks = queries.weekly([past.cabinet_office.pk], queries.Period(3, NOW))
    assert weeks[date(2024, 6, 3)] == {"submitted": 4, "rejected": 1, "expired": 1}


def test_waiting_posts_by_working_days_waited_at_their_step(past):
    assert queries.ages(everywhere(past), NOW) == [
        ("Under 1 working day", 1),
        ("1 to 2 working days", 0),
        ("2 to 5 working days", 1),
        ("5 working days or more", 1),
    ]
    assert queries.ages([past.treasury.pk], NOW) == [
        (label, 0) for label, _, _ in queries.AGE_BANDS
    ]


def test_the_people_with_most_waiting_by_the_routing_rule(past):
    people, nobody = queries.top_approvers(everywhere(past), NOW)
    # Two posts wait for the line manager (no cover on 7 June 2024), one for the
    # department's approver; the author is never counted.
    assert [(p.name, p.posts) for p in people] == [
        (past.manager.get_full_name(), 2),
        (past.press.get_full_name(), 1),
    ]
    assert nobody == 0
