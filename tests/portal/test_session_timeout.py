"""The warning before a session ends: the seconds left it is given, and staying signed in.

Time is moved by rewriting the session's own timestamps, never by waiting.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import time_format

from portal.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.factories import UserFactory
from tests.portal.test_security_sessions import shift

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("served_site")]

STAY_SIGNED_IN = reverse("stay_signed_in")
IDLE = settings.SESSION_IDLE_TIMEOUT


def sign_in(client):
    client.force_login(UserFactory(username="alex"))
    assert client.get("/").status_code == 200
    return client


@pytest.fixture
def signed_in(client):
    return sign_in(client)


def dialog_data(page):
    """The data attributes of the page's timeout dialog, or None without one."""
    dialog = re.search(r'<dialog id="session-timeout"[^>]*>', page)
    if not dialog:
        return None
    return {
        name: unescape(value) for name, value in re.findall(r'data-([a-z-]+)="([^"]*)"', dialog[0])
    }


def test_staying_signed_in_restarts_the_idle_clock(signed_in):
    # Seen 30 seconds ago: too recent for a page load to move the clock on.
    shift(signed_in, **{LAST_SEEN_AT: 30, SIGNED_IN_AT: 30})
    response = signed_in.post(STAY_SIGNED_IN)
    assert response.status_code == 204
    assert response.content == b""
    # Without staying signed in, this would be 20 seconds past the idle limit.
    shift(signed_in, **{LAST_SEEN_AT: IDLE - 10, SIGNED_IN_AT: IDLE - 10})
    assert signed_in.get("/").status_code == 200


def test_staying_signed_in_in_the_last_seconds_gives_a_full_spell(signed_in):
    shift(signed_in, **{LAST_SEEN_AT: IDLE - 5, SIGNED_IN_AT: IDLE - 5})
    assert signed_in.post(STAY_SIGNED_IN).status_code == 204
    shift(signed_in, **{LAST_SEEN_AT: IDLE - 10})
    assert signed_in.get("/").status_code == 200


def test_staying_signed_in_is_refused_to_anonymous_visitors(client):
    response = client.post(STAY_SIGNED_IN)
    assert response.status_code == 403
    assert "signed out" in response.content.decode()


@pytest.mark.parametrize(
    ("key", "limit", "because"),
    [
        (LAST_SEEN_AT, IDLE, f"you had not done anything for {IDLE // 60} minutes"),
        (
            SIGNED_IN_AT,
            settings.SESSION_ABSOLUTE_TIMEOUT,
            f"you signed in more than {settings.SESSION_ABSOLUTE_TIMEOUT // 3600} hours ago",
        ),
    ],
    ids=["idle", "absolute"],
)
def test_staying_signed_in_is_refused_once_the_session_has_ended(signed_in, key, limit, because):
    session = shift(signed_in, **{key: limit})
    response = signed_in.post(STAY_SIGNED_IN)
    assert response.status_code == 403
    assert not Session.objects.filter(session_key=session.session_key).exists()
    # The page then goes to the sign-in page, which says why.
    sign_in_page = signed_in.get(reverse("login")).content.decode()
    assert f"You were signed out because {because}" in sign_in_page
    assert signed_in.get("/").status_code == 302


def test_staying_signed_in_needs_a_post(signed_in):
    before = shift(signed_in, **{LAST_SEEN_AT: 30})[LAST_SEEN_AT]
    assert signed_in.get(STAY_SIGNED_IN).status_code == 405
    assert signed_in.session[LAST_SEEN_AT] == before


def test_staying_signed_in_needs_the_csrf_token():
    client = sign_in(Client(enforce_csrf_checks=True))
    page = client.get("/posts/new/").content.decode()
    # The dialog's Sign out belongs to the header's sign-out form, whose token
    # the script sends.
    dialog = page[page.index('<dialog id="session-timeout"') :]
    form_id = re.search(r'<button type="submit" form="([^"]+)"', dialog)[1]
    form = page[page.index(f'id="{form_id}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    before = shift(client, **{LAST_SEEN_AT: 30})[LAST_SEEN_AT]
    assert client.post(STAY_SIGNED_IN).status_code == 403
    assert client.session[LAST_SEEN_AT] == before
    assert client.post(STAY_SIGNED_IN, headers={"X-CSRFToken": token}).status_code == 204
    assert client.session[LAST_SEEN_AT] >= before + 30


@pytest.mark.parametrize(
    ("seen_ago", "idle_left"),
    [
        (45, IDLE - 45),
        # A page load moves a clock this stale on: the page is a fresh start.
        (90, IDLE),
    ],
    ids=["seen-45-seconds-ago", "seen-90-seconds-ago"],
)
def test_the_page_is_given_the_seconds_left_by_the_sessions_clocks(signed_in, seen_ago, idle_left):
    shift(signed_in, **{LAST_SEEN_AT: seen_ago, SIGNED_IN_AT: 3600})
    data = dialog_data(signed_in.get("/posts/new/").content.decode())
    # A second may tick over between moving the clocks and rendering the page.
    assert idle_left - 1 <= int(data["idle-seconds-left"]) <= idle_left
    absolute_left = settings.SESSION_ABSOLUTE_TIMEOUT - 3600
    assert absolute_left - 1 <= int(data["absolute-seconds-left"]) <= absolute_left
    assert data["idle-timeout"] == str(IDLE)
    assert data["warning-seconds"] == str(settings.SESSION_TIMEOUT_WARNING_SECONDS)
    assert data["stay-signed-in-url"] == STAY_SIGNED_IN
    assert data["sign-in-url"] == f"{reverse('login')}?next=/posts/new/"


def test_the_page_says_what_time_the_session_ends_for_good(signed_in):
    shift(signed_in, **{SIGNED_IN_AT: 3600})
    page = signed_in.get("/posts/new/").content.decode()
    ends = timezone.localtime() + timedelta(seconds=settings.SESSION_ABSOLUTE_TIMEOUT - 3600)
    # As "5:42pm"; the minute may tick over while the page is made.
    times = {time_format(ends - timedelta(seconds=s), "g:iA").lower() for s in (0, 1, 2)}
    assert any(f"We will sign you out at {time}, in" in page for time in times), times


def test_pages_for_anonymous_visitors_have_no_warning(client):
    for path in [reverse("login"), reverse("accessibility")]:
        page = client.get(path).content.decode()
        assert dialog_data(page) is None
        assert "Stay signed in" not in page


def test_the_accessibility_statement_describes_the_warning(client):
    page = client.get(reverse("accessibility")).content.decode()
    assert "2 minutes before that, a message tells you how long you have left" in page
    assert "You can stay signed in with one button" in page
    assert "2.2.1" not in page
    assert "do not warn you" not in page
