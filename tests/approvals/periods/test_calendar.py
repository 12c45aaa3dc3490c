"""The calendar of what goes out when: who sees which department's month, which
day each post falls on in London, the sensitive periods across their days, and
a fixed number of queries however many posts."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority, PostStatus
from portal import caching
from tests.approvals.periods.calendar_data import cell, period, post
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def month_url(year, month, department=None):
    if department is None:
        return reverse("approvals:calendar_month", args=[year, month])
    return reverse("approvals:calendar_department", args=[department.slug, year, month])


@pytest.fixture
def agency(org):
    return DepartmentFactory(
        name="Government Digital Service", slug="gds", parent=org.cabinet_office
    )


@pytest.fixture
def agency_officer(agency):
    user = UserFactory(username="gds-officer")
    StaffProfileFactory(user=user, department=agency)
    return user


def status_of(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_a_department_is_seen_by_its_staff_its_agencies_its_parent_and_holders_of_authority(
    org, agency, agency_officer, client
):
    co = month_url(2027, 3, org.cabinet_office)
    gds = month_url(2027, 3, agency)
    treasury = month_url(2027, 3, org.treasury)
    assert status_of(client, org.author, co) == 200
    # The parent department sees its agency's calendar, and the agency its parent's.
    assert status_of(client, org.author, gds) == 200
    assert status_of(client, agency_officer, co) == 200
    assert status_of(client, agency_officer, gds) == 200
    # Other departments see nothing of it, not even that it exists.
    assert status_of(client, org.treasury_author, co) == 404
    assert status_of(client, org.treasury_author, gds) == 404
    assert status_of(client, org.author, treasury) == 404
    assert status_of(client, agency_officer, treasury) == 404
    # Holding any authority there is enough.
    groups.authority_group(org.cabinet_office, Authority.APPROVE_IN_SENSITIVE_PERIODS).user_set.add(
        org.treasury_manager
    )
    assert status_of(client, org.treasury_manager, co) == 200
    assert status_of(client, org.treasury_manager, gds) == 404
    assert status_of(client, org.superuser, treasury) == 200
    assert (
        status_of(
            client, org.author, reverse("approvals:calendar_department", args=["no-such", 2027, 3])
        )
        == 404
    )


def test_months_that_do_not_exist_are_not_found(org, client):
    client.force_login(org.author)
    for year, month in ((2027, 13), (2027, 0), (1, 1), (99999, 1)):
        assert client.get(month_url(year, month)).status_code == 404
        assert client.get(month_url(year, month, org.cabinet_office)).status_code == 404


def test_the_calendar_opens_at_this_month(org, client):
    client.force_login(org.author)
    today = timezone.localdate()
    response = client.get(reverse("approvals:calendar"))
    assert response.status_code == 302
    assert response["Location"] == month_url(today.year, today.month)


def test_someone_with_no_department_is_told_so(client, db):
    client.force_login(UserFactory(username="nobody"))
    response = client.get(month_url(2027, 3))
    assert response.status_code == 200
    assert "You cannot see any department" in response.content.decode()


def test_posts_fall_on_their_london_day_across_the_change_to_summer_time(org, client):
    # Clocks go forward at 01:00 on Sunday 28 March 2027.
    co = org.cabinet_office
    post(org.author, co, datetime(2027, 3, 27, 23, 30, tzinfo=UTC), account="@before")
    post(org.author, co, datetime(2027, 3, 28, 23, 30, tzinfo=UTC), account="@after")
    # 00:30 on 1 April in London: April's, not March's.
    post(org.author, co, datetime(2027, 3, 31, 23, 30, tzinfo=UTC), account="@april")
    client.force_login(org.author)
    html = client.get(month_url(2027, 3, co)).content.decode()
    assert "23:30" in cell(html, "2027-03-27") and "@before" in cell(html, "2027-03-27")
    assert "@after" not in cell(html, "2027-03-28")
    assert "00:30" in cell(html, "2027-03-29") and "@after" in cell(html, "2027-03-29")
    assert "@april" not in html
    april = client.get(month_url(2027, 4, co)).content.decode()
    assert "00:30" in cell(april, "2027-04-01") and "@april" in cell(april, "2027-04-01")


def test_posts_fall_on_their_london_day_across_the_change_back(org, client):
    # Clocks go back at 02:00 on Sunday 25 October 2026.
    co = org.cabinet_office
    post(org.author, co, datetime(2026, 10, 24, 23, 30, tzinfo=UTC), account="@summer")
    post(org.author, co, datetime(2026, 10, 25, 23, 30, tzinfo=UTC), account="@winter")
    post(org.author, co, datetime(2026, 10, 31, 23, 30, tzinfo=UTC), account="@halloween")
    client.force_login(org.author)
    html = client.get(month_url(2026, 10, co)).content.decode()
    assert "@summer" in cell(html, "2026-10-25") and "00:30" in cell(html, "2026-10-25")
    assert "@winter" in cell(html, "2026-10-25") and "23:30" in cell(html, "2026-10-25")
    assert "@halloween" in cell(html, "2026-10-31")


def test_what_is_shown_of_each_post(org, client):
    co = org.cabinet_office
    at = datetime(2027, 5, 12, 9, tzinfo=UTC)
    waiting = post(org.author, co, at, PostStatus.SUBMITTED, text="Still being agreed")
    approved = post(org.author, co, at, PostStatus.APPROVED, text="Signed off " + "word " * 40)
    published = post(org.author, co, at, PostStatus.PUBLISHED, channel="x", text="Gone out")
    for hidden in (PostStatus.DRAFT, PostStatus.REJECTED, PostStatus.WITHDRAWN, PostStatus.HELD):
        post(org.author, co, at, hidden, account=f"@{hidden}")
    client.force_login(org.colleague)
    day = cell(client.get(month_url(2027, 5, co)).content.decode(), "2027-05-12")
    assert "10:00" in day  # British Summer Time
    for shown in (waiting, approved, published):
        assert reverse("approvals:post", args=[shown.pk]) in day
    assert "Scheduled" in day and "Approved" in day and "Published" in day
    assert "LinkedIn" in day and "X (formerly Twitter)" in day
    # Only what has been signed off is shown in words, and shortened.
    assert "Still being agreed" not in day
    assert "Signed off word" in day and "word " * 40 not in day
    assert "Gone out" in day
    for hidden in (PostStatus.DRAFT, PostStatus.REJECTED, PostStatus.WITHDRAWN, PostStatus.HELD):
        assert f"@{hidden}" not in day


def test_all_your_departments_shows_those_you_may_see_and_no_others(org, agency, client):
    at = datetime(2027, 5, 12, 9, tzinfo=UTC)
    post(org.author, org.cabinet_office, at, account="@co")
    post(org.author, agency, at, account="@gds")
    post(org.treasury_author, org.treasury, at, account="@hmt")
    client.force_login(org.author)
    html = client.get(month_url(2027, 5)).content.decode()
    assert "@co" in html and "@gds" in html and "@hmt" not in html
    client.force_login(org.superuser)
    assert "@hmt" in client.get(month_url(2027, 5)).content.decode()


def test_the_grid_is_a_table_of_weeks_from_monday(org, client):
    client.force_login(org.author)
    html = client.get(month_url(2027, 3, org.cabinet_office)).content.decode()
    assert '<table class="govuk-table portal-calendar" role="table">' in html
    assert "March 2027: Cabinet Office" in html
    headers = [
        f'<th scope="col" class="govuk-table__header" role="columnheader">{d}</th>'
        for d in ("Monday", "Sunday")
    ]
    assert html.index(headers[0]) < html.index(headers[1])
    # 1 March 2027 is a Monday; the grid runs to Sunday 4 April, shown muted.
    assert "2027-02-28" not in html
    assert (
        'portal-calendar__day--outside"'
        in html.split('datetime="2027-04-04"')[0].rsplit("<td", 1)[1]
    )
    assert reverse("approvals:calendar_department", args=["cabinet-office", 2027, 2]) in html
    assert reverse("approvals:calendar_department", args=["cabinet-office", 2027, 4]) in html


def test_sensitive_periods_are_shown_across_the_days_they_cover(org, client):
    period(
        org.superuser,
        datetime(2027, 4, 29, 23, tzinfo=UTC),  # midnight on 30 April in London
        datetime(2027, 5, 6, 21, tzinfo=UTC),  # 10pm on 6 May
        departments=[org.cabinet_office],
    )
    period(
        org.superuser, datetime(2027, 5, 20, tzinfo=UTC), departments=[org.treasury], name="Budget"
    )
    client.force_login(org.author)
    html = client.get(month_url(2027, 5, org.cabinet_office)).content.decode()
    assert "Sensitive periods this month" in html
    for day in ("2027-05-01", "2027-05-03", "2027-05-06"):
        assert "Local elections" in cell(html, day)
    assert "Local elections" not in cell(html, "2027-05-07")
    assert "Budget" not in html
    client.force_login(org.treasury_author)
    treasury = client.get(month_url(2027, 5, org.treasury)).content.decode()
    assert "Budget" in cell(treasury, "2027-05-31") and "Budget" not in cell(treasury, "2027-05-19")


def test_a_channel_can_be_chosen_and_a_wrong_one_is_refused(org, client):
    at = datetime(2027, 5, 12, 9, tzinfo=UTC)
    post(org.author, org.cabinet_office, at, channel="x", account="@on-x")
    post(org.author, org.cabinet_office, at, channel="linkedin", account="@on-linkedin")
    client.force_login(org.author)
    url = month_url(2027, 5, org.cabinet_office)
    html = client.get(url, {"channel": "x"}).content.decode()
    assert "@on-x" in html and "@on-linkedin" not in html
    assert f"{month_url(2027, 6, org.cabinet_office)}?channel=x" in html
    refused = client.get(url, {"channel": "myspace"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "govuk-error-summary" in body and "Choose a channel from the list" in body
    assert "@on-x" in body and "@on-linkedin" in body


def _grow(org, n):
    for i in range(n):
        at = datetime(2027, 5, 1 + i % 28, 9, tzinfo=UTC)
        post(org.author, org.cabinet_office, at, [PostStatus.SUBMITTED, PostStatus.APPROVED][i % 2])


@pytest.mark.parametrize("posts", [3, 30])
def test_a_month_costs_the_same_queries_with_3_or_30_posts(
    org, client, posts, django_assert_num_queries
):
    _grow(org, posts)
    period(org.superuser, datetime(2027, 5, 2, tzinfo=UTC), departments=[org.cabinet_office])
    client.force_login(org.author)
    for url in (month_url(2027, 5, org.cabinet_office), month_url(2027, 5)):
        client.get(url)  # the per-process caches (content types) filled, as on a running server
        caching.reset()
        # The session and user; the sign-off count in the navigation (cover,
        # reports, authority); the count of unread notices beside the name; the
        # periods the banner keeps (periods, their departments, the departments'
        # tree) and where the person works; the departments; the posts; the month's periods, their
        # departments and the departments' tree.
        with django_assert_num_queries(14):
            response = client.get(url)
        assert response.content.decode().count("portal-calendar__entry") == posts
