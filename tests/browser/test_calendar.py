"""The calendar as people use it: a month's grid read with a screen reader's
table, months turned by keyboard, and on a phone a list of the days with posts."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from approvals.models import PostStatus
from tests.approvals.periods.calendar_data import period, post
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import activate

pytestmark = pytest.mark.django_db(transaction=True)

MARCH = "/calendar/cabinet-office/2027/3/"


@pytest.fixture
def month_of_posts(team):
    department = team.department
    post(team.author, department, datetime(2027, 3, 9, 10, tzinfo=UTC), account="@cabinetofficeuk")
    post(
        team.author,
        department,
        datetime(2027, 3, 29, 8, tzinfo=UTC),
        PostStatus.PUBLISHED,
        channel="x",
        account="@a-department-account-with-a-rather-long-name-indeed",
        text="Our guidance on taking part online is published today.",
    )
    post(team.author, department, datetime(2027, 4, 14, 9, tzinfo=UTC), PostStatus.SUBMITTED)
    period(
        team.press,
        datetime(2027, 3, 22, tzinfo=UTC),
        datetime(2027, 3, 26, tzinfo=UTC),
        [department],
        name="By-election",
    )


def test_a_month_is_turned_forward_and_back_by_keyboard(page, sign_in, month_of_posts):
    sign_in("author", next_path=MARCH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar: March 2027")
    table = page.get_by_role("table", name="March 2027: Cabinet Office")
    expect(table.get_by_role("columnheader").first).to_have_text("Monday")
    expect(table.get_by_role("link", name="10:00 LinkedIn @cabinetofficeuk")).to_be_visible()
    expect(table.get_by_text("By-election")).to_have_count(4)
    assert_accessible(page)

    activate(page, "Next")
    assert page.url.endswith("/calendar/cabinet-office/2027/4/")
    expect(page.get_by_role("table", name="April 2027: Cabinet Office")).to_be_visible()
    expect(page.get_by_role("link", name="10:00 LinkedIn @cabinetofficeuk")).to_be_visible()
    assert_accessible(page)

    activate(page, "Previous")
    assert page.url.endswith(MARCH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar: March 2027")


def test_on_a_phone_the_month_is_a_list_of_its_days(page, sign_in, month_of_posts):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in("author", next_path=MARCH)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Each day with something on says which day it is; the rest are left out.
    expect(page.get_by_text("Tuesday 9 March")).to_be_visible()
    expect(page.get_by_text("Monday 22 March")).to_be_visible()
    expect(page.get_by_text("Wednesday 10 March")).to_be_hidden()
    published = page.get_by_role(
        "link", name="@a-department-account-with-a-rather-long-name-indeed"
    )
    published.scroll_into_view_if_needed()
    box = published.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert_accessible(page)


def test_the_calendar_address_is_made_and_renewed_by_keyboard(page, sign_in, team):
    sign_in("author", next_path="/calendar/feed/")
    assert_accessible(page)
    activate(page, "Make my calendar address")
    address = page.locator("#feed-url").inner_text()
    assert address.endswith(".ics")
    assert_accessible(page)
    activate(page, "Make a new address and stop the old one")
    expect(page.get_by_text("The old one no longer works")).to_be_visible()
    assert page.locator("#feed-url").inner_text() != address
