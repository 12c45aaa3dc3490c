"""Each person's calendar address: what it lists, read back as iCalendar, who
can reach it (anyone with the address, no session), and that a new address
stops the old one."""

from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from approvals.models import CalendarFeed, PostStatus
from portal import caching
from tests.approvals.periods.calendar_data import period, post

pytestmark = pytest.mark.django_db


def make_feed(client, user) -> str:
    client.force_login(user)
    response = client.post(reverse("approvals:calendar_feed_renew"))
    assert response.status_code == 302
    return reverse("approvals:calendar_feed_ics", args=[CalendarFeed.objects.get(user=user).token])


def read(url) -> Calendar:
    response = Client().get(url)  # no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(feed: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in feed.walk("VEVENT")}


@pytest.fixture
def soon():
    return timezone.now().replace(microsecond=0) + timedelta(days=3)


def test_the_feed_lists_signed_off_posts_of_departments_the_person_may_see(org, client, soon):
    approved = post(
        org.author, org.cabinet_office, soon, account="@cabinetofficeuk", text="Open day"
    )
    published = post(org.author, org.cabinet_office, soon - timedelta(days=5), PostStatus.PUBLISHED)
    waiting = post(org.author, org.cabinet_office, soon, PostStatus.SUBMITTED)
    treasury = post(org.treasury_author, org.treasury, soon)
    long_ago = post(org.author, org.cabinet_office, soon - timedelta(days=400))
    feed = read(make_feed(client, org.colleague))
    found = events(feed)
    assert set(found) == {f"post-{approved.pk}@testserver", f"post-{published.pk}@testserver"}
    event = found[f"post-{approved.pk}@testserver"]
    assert str(event["SUMMARY"]) == "LinkedIn: @cabinetofficeuk"
    assert event.decoded("DTSTART") == soon.astimezone(UTC)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=15)
    description = str(event["DESCRIPTION"])
    assert "Open day" in description
    assert f"http://testserver{reverse('approvals:post', args=[approved.pk])}" in description
    for hidden in (waiting, treasury, long_ago):
        assert f"post-{hidden.pk}@testserver" not in found


def test_the_feed_lists_the_periods_covering_the_persons_departments(org, client, soon):
    period(org.superuser, soon, soon + timedelta(days=2), [org.cabinet_office], name="By-election")
    period(org.superuser, soon, departments=[org.treasury], name="Budget")
    everywhere = period(org.superuser, soon + timedelta(days=10), name="Mourning")
    summaries = {str(e["SUMMARY"]): e for e in read(make_feed(client, org.author)).walk("VEVENT")}
    assert "Sensitive period: By-election" in summaries
    assert "Sensitive period: Mourning (until further notice)" in summaries
    assert not any("Budget" in summary for summary in summaries)
    mourning = summaries["Sensitive period: Mourning (until further notice)"]
    assert str(mourning["UID"]) == f"period-{everywhere.pk}@testserver"
    assert mourning.decoded("DTSTART") == everywhere.starts_at


def test_a_new_address_stops_the_old_one(org, client):
    old = make_feed(client, org.author)
    read(old)
    new = make_feed(client, org.author)
    assert new != old
    assert Client().get(old).status_code == 404
    read(new)
    assert Client().get(reverse("approvals:calendar_feed_ics", args=["guessed"])).status_code == 404


def test_an_inactive_persons_feed_is_not_found(org, client):
    url = make_feed(client, org.author)
    org.author.is_active = False
    org.author.save()
    assert Client().get(url).status_code == 404


def test_the_feed_page_shows_the_address_once_made(org, client):
    client.force_login(org.author)
    page = client.get(reverse("approvals:calendar_feed")).content.decode()
    assert "Make my calendar address" in page and ".ics" not in page
    url = make_feed(client, org.author)
    page = client.get(reverse("approvals:calendar_feed")).content.decode()
    assert f"http://testserver{url}" in page and "Outlook" in page
    # Made only by a POST, with the CSRF check.
    assert client.get(reverse("approvals:calendar_feed_renew")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(org.author)
    assert strict.post(reverse("approvals:calendar_feed_renew")).status_code == 403


@pytest.mark.parametrize("posts", [3, 30])
def test_the_feed_costs_the_same_queries_with_3_or_30_posts(
    org, client, soon, posts, django_assert_num_queries
):
    for i in range(posts):
        post(org.author, org.cabinet_office, soon + timedelta(hours=i))
    period(org.superuser, soon, departments=[org.cabinet_office])
    url = make_feed(client, org.author)
    anonymous = Client()
    anonymous.get(url)
    caching.reset()
    # The feed with its owner, the departments, their authority, the posts, and
    # the periods, their departments and the departments' tree.
    with django_assert_num_queries(7):
        response = anonymous.get(url)
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == posts + 1
