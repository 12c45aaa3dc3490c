"""The warning before a session ends, in Chromium, by keyboard.

Time passes on both sides at once: the page's clock is Playwright's fake one,
moved on with fast_forward, and the server's is moved by putting the session's
timestamps back by as much.
"""

import re
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from portal.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.browser.axe import assert_accessible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

IDLE = settings.SESSION_IDLE_TIMEOUT
WARNING = settings.SESSION_TIMEOUT_WARNING_SECONDS
ABSOLUTE = settings.SESSION_ABSOLUTE_TIMEOUT
DRAFT = "We are consulting on the new guidance until"


def server_session(page):
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])


def move_server_clock(page, seconds, keys=(LAST_SEEN_AT, SIGNED_IN_AT)):
    session = server_session(page)
    for key in keys:
        session[key] -= seconds
    session.save()


def time_passes(page, seconds):
    move_server_clock(page, seconds)
    page.clock.fast_forward(seconds * 1000)


@pytest.fixture
def writing(page, sign_in):
    """Half-way through writing a post, typed in the page and not yet saved."""
    UserFactory(username="alex")
    page.clock.install()
    sign_in("alex", next_path="/posts/new/")
    text = page.get_by_label("Text of the post")
    text.focus()
    page.keyboard.type(DRAFT)
    return page


def warning(page):
    return page.get_by_role("dialog", name="You will be signed out soon")


def stays_signed_in(page):
    """Waits for the server to have restarted the idle clock."""
    return page.expect_response(
        lambda response: (
            response.url.endswith("/accounts/stay-signed-in/") and response.status == 204
        )
    )


def expect_signed_in_on_reload(page):
    page.reload()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    assert page.url.endswith("/posts/new/")


def expect_sent_to_sign_in(page, because):
    """On the sign-in page, which says why and comes back to the post afterwards."""
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/posts/new/$"))
    expect(page.get_by_text(f"You were signed out because {because}")).to_be_visible()


def test_staying_signed_in_by_keyboard_keeps_the_session_and_the_writing(writing):
    page = writing
    time_passes(page, IDLE - WARNING + 5)
    dialog = warning(page)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(re.compile(r"we will sign you out in 1 minute \d+ seconds\."))
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(dialog.get_by_role("button", name="Continue")).to_be_hidden()
    assert_accessible(page)

    # Screen readers hear the time left at milestones, not every second.
    announcement = dialog.locator("[aria-live]")
    expect(announcement).to_have_text("")
    page.clock.fast_forward(60_000)
    expect(announcement).to_have_text("We will sign you out in 1 minute.")
    page.clock.fast_forward(3_000)
    expect(dialog).to_contain_text(re.compile(r"we will sign you out in \d+ seconds\."))
    expect(announcement).to_have_text("We will sign you out in 1 minute.")

    with stays_signed_in(page):
        page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    text = page.get_by_label("Text of the post")
    expect(text).to_be_focused()
    expect(text).to_have_value(DRAFT)

    # Well past where the session would have ended.
    time_passes(page, WARNING + 60)
    expect(dialog).to_be_hidden()
    expect_signed_in_on_reload(page)


def test_escape_stays_signed_in_too(writing):
    page = writing
    time_passes(page, IDLE - WARNING + 5)
    expect(warning(page)).to_be_visible()
    with stays_signed_in(page):
        page.keyboard.press("Escape")
    expect(warning(page)).to_be_hidden()
    expect(page.get_by_label("Text of the post")).to_be_focused()
    time_passes(page, WARNING + 60)
    expect_signed_in_on_reload(page)


def test_when_time_runs_out_the_browser_goes_to_the_sign_in_page(writing):
    page = writing
    time_passes(page, IDLE - WARNING + 5)
    expect(warning(page)).to_be_visible()
    time_passes(page, WARNING)
    expect_sent_to_sign_in(page, because="you had not done anything")


def test_a_session_already_ended_on_the_server_goes_to_the_sign_in_page(writing):
    page = writing
    time_passes(page, IDLE - WARNING + 5)
    expect(warning(page)).to_be_visible()
    # The page's clock fell behind the server's (a laptop asleep, say).
    move_server_clock(page, WARNING)
    page.keyboard.press("Enter")
    expect_sent_to_sign_in(page, because="you had not done anything")


def test_signing_out_from_the_warning_ends_the_session(writing):
    page = writing
    session_key = server_session(page).session_key
    time_passes(page, IDLE - WARNING + 5)
    dialog = warning(page)
    expect(dialog).to_be_visible()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Sign out")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    assert not Session.objects.filter(session_key=session_key).exists()


@pytest.fixture
def failing(page):
    """How "Stay signed in" is to fail, while set. Routed before the page loads:
    Chromium can let a page already loaded send a request or two past a new route."""
    failure = {}

    def handle(route):
        if failure:
            failure["how"](route)
        else:
            route.continue_()

    page.route("**/accounts/stay-signed-in/", handle)
    return failure


@pytest.mark.parametrize(
    "how",
    [
        lambda route: route.abort("internetdisconnected"),
        lambda route: route.fulfill(status=502, body="Bad gateway"),
    ],
    ids=["offline", "bad-gateway"],
)
def test_staying_signed_in_that_fails_says_so_and_can_be_tried_again(failing, writing, how):
    page = writing
    time_passes(page, IDLE - WARNING + 5)
    dialog = warning(page)
    expect(dialog).to_be_visible()
    failing["how"] = how
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("alert")).to_have_text(
        "We could not keep you signed in. Check your internet connection and try again."
    )
    expect(dialog).to_be_visible()
    assert page.url.endswith("/posts/new/")
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    failing.clear()
    with stays_signed_in(page):
        page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    time_passes(page, WARNING + 60)
    expect_signed_in_on_reload(page)


def test_the_end_of_the_longest_session_is_warned_of_and_cannot_be_put_off(writing):
    page = writing
    # Signed in hours ago, and busy since.
    move_server_clock(page, ABSOLUTE - WARNING - 30, keys=[SIGNED_IN_AT])
    page.reload()
    time_passes(page, 35)
    dialog = warning(page)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"You can stay signed in for {ABSOLUTE // 3600} hours at most")
    expect(dialog).to_contain_text(re.compile(r"sign you out at \d{1,2}:\d\d[ap]m, in 1 minute"))
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_hidden()
    expect(dialog.get_by_role("button", name="Continue")).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()

    time_passes(page, WARNING)
    expect_sent_to_sign_in(page, because="you signed in more than")


def test_a_page_loaded_in_another_tab_puts_the_warning_off(writing, live_server):
    page = writing
    time_passes(page, IDLE - WARNING + 5)
    expect(warning(page)).to_be_visible()
    other = page.context.new_page()
    other.goto(f"{live_server.url}/accessibility/")
    expect(other.get_by_text("Signed in as")).to_be_visible()
    expect(warning(page)).to_be_hidden()
    expect(page.get_by_label("Text of the post")).to_have_value(DRAFT)
