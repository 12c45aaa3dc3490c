"""Sessions end after a spell of inactivity and some hours after signing in.

Time is moved by rewriting the session's own timestamps, never by waiting.
"""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from portal.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("served_site")]


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory(username="alex"))
    assert client.get("/").status_code == 200
    return client


def shift(client, **seconds_ago):
    """Move the session's timestamps that many seconds into the past."""
    session = client.session
    for key, seconds in seconds_ago.items():
        session[key] -= seconds
    session.save()
    return session


def test_the_first_request_after_signing_in_starts_both_clocks(signed_in):
    session = signed_in.session
    assert session[SIGNED_IN_AT] == session[LAST_SEEN_AT]


def test_a_session_idle_for_too_long_is_ended_on_the_server(signed_in):
    session = shift(signed_in, **{LAST_SEEN_AT: settings.SESSION_IDLE_TIMEOUT})
    response = signed_in.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Session.objects.filter(session_key=session.session_key).exists()
    page = signed_in.get(response["Location"]).content.decode()
    minutes = settings.SESSION_IDLE_TIMEOUT // 60
    assert f"You were signed out because you had not done anything for {minutes} minutes" in page
    assert signed_in.get("/").status_code == 302


def test_activity_keeps_a_session_going(signed_in):
    almost_idle = settings.SESSION_IDLE_TIMEOUT - 5
    shift(signed_in, **{LAST_SEEN_AT: almost_idle, SIGNED_IN_AT: almost_idle})
    assert signed_in.get("/").status_code == 200
    shift(signed_in, **{LAST_SEEN_AT: 10})
    assert signed_in.get("/").status_code == 200


def test_a_session_ends_hours_after_signing_in_however_busy(signed_in):
    session = shift(signed_in, **{SIGNED_IN_AT: settings.SESSION_ABSOLUTE_TIMEOUT})
    response = signed_in.get("/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session.session_key).exists()
    page = signed_in.get(response["Location"]).content.decode()
    hours = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
    assert f"You were signed out because you signed in more than {hours} hours ago" in page


def test_the_last_seen_time_is_written_at_most_once_a_minute(signed_in):
    before = shift(signed_in, **{LAST_SEEN_AT: 10})[LAST_SEEN_AT]
    signed_in.get("/")
    assert signed_in.session[LAST_SEEN_AT] == before
    before = shift(signed_in, **{LAST_SEEN_AT: 120})[LAST_SEEN_AT]
    signed_in.get("/")
    assert signed_in.session[LAST_SEEN_AT] >= before + 120


def test_the_admin_editors_background_pings_are_not_activity(signed_in):
    before = shift(signed_in, **{LAST_SEEN_AT: 120})[LAST_SEEN_AT]
    signed_in.post("/admin/editing-sessions/ping/wagtailcore/page/1/1/")
    assert signed_in.session[LAST_SEEN_AT] == before


def test_the_session_cookie_does_not_outlive_the_browser(client):
    UserFactory(username="alex")
    response = client.post(reverse("login"), {"username": "alex", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert not cookie["max-age"] and not cookie["expires"]
