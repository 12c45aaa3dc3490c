"""Dates and times as people type them, and the Design System's messages when
they are not dates or times."""

from datetime import date, time

import pytest
from django import forms

from portal.govuk_forms import DateField, parse_time

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("9.30am", time(9, 30)),
        ("9:30 am", time(9, 30)),
        ("9.30 a.m.", time(9, 30)),
        ("2pm", time(14)),
        ("2 PM", time(14)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("12:30am", time(0, 30)),
        ("14:00", time(14)),
        ("09.30", time(9, 30)),
        ("1400", time(14)),
        ("930", time(9, 30)),
        ("midday", time(12)),
        ("Midnight", time(0)),
        (" 17:45 ", time(17, 45)),
    ],
)
def test_the_times_people_type_are_understood(typed, meant):
    assert parse_time(typed) == meant


@pytest.mark.parametrize("typed", ["", "9", "13pm", "0am", "24:00", "9.60", "half nine", "9:3"])
def test_what_is_not_a_time_is_not_guessed(typed):
    assert parse_time(typed) is None


class WhenForm(forms.Form):
    day = DateField(label="Date it should go out")


def errors_for(day, month, year):
    form = WhenForm({"day_0": day, "day_1": month, "day_2": year})
    return form.cleaned_data.get("day") if form.is_valid() else form.errors["day"]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date it should go out"),
        (("", "3", "2027"), "Date it should go out must include a day"),
        (("27", "", "2027"), "Date it should go out must include a month"),
        (("27", "3", ""), "Date it should go out must include a year"),
        (("31", "2", "2027"), "Date it should go out must be a real date"),
        (("31", "13", "2027"), "Date it should go out must be a real date"),
        (("x", "3", "2027"), "Date it should go out must be a real date"),
        (("9" * 30, "3", "2027"), "Date it should go out must be a real date"),
        (("27", "3", "27"), "Year must include 4 numbers"),
        (("1", "1", "9" * 19), "Year must include 4 numbers"),
    ],
)
def test_a_date_that_is_not_one_says_which_part_is_wrong(parts, message):
    assert errors_for(*parts) == [message]


@pytest.mark.parametrize("month", ["3", "03", "March", "mar", "MAR"])
def test_a_month_may_be_a_number_or_its_name(month):
    assert errors_for("27", month, "2027") == date(2027, 3, 27)
