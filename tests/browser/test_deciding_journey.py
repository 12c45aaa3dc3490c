"""An approver's morning in Chromium, on a phone and on a desktop: from the
header's Sign-off link to the queue, filtered to what they want first, a
decision, and on to the next post from the confirmation, until nothing else
waits. Every page passes axe and fits the window; a decision takes three page
loads from the header."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Post
from approvals.posts import services
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import activate, sign_in_by_keyboard, tab_to, type_into
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]
CONSULTATION = "Cabinet Office: the consultation on taking part online opens today."


@pytest.fixture
def waiting_posts(team):
    """Three posts waiting for Morgan Manager, the one on X due within hours."""
    author = team.author
    now = timezone.now()
    for minutes, channel, text, due in [
        (50, "linkedin", "Cabinet Office: join our open session next month.", timedelta(days=3)),
        (40, "x", CONSULTATION, timedelta(hours=3)),
        (30, "linkedin", "Cabinet Office: thank you to all who came.", timedelta(days=4)),
    ]:
        post = services.save_draft(
            author=author,
            channel=channel,
            account="Cabinet Office",
            text=text,
            link="",
            publish_at=now + due,
        )
        services.submit_post(post_id=post.pk, author=author)
        Post.objects.filter(pk=post.pk).update(submitted_at=now - timedelta(minutes=minutes))


def in_summary(page):
    """The post as submitted, in the decision page's summary (its preview says it again)."""
    return page.locator(".govuk-summary-list")


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert_accessible(page)


def open_sign_off(page, width):
    # Below GOV.UK Frontend's tablet breakpoint the navigation is behind its menu button.
    if width < 641:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Sign-off").click()
    expect(page.get_by_role("heading", name="Waiting for your sign-off")).to_be_visible()


def decide(page, outcome, reason=""):
    expect(page.get_by_role("heading", name="Decide on a proposed post")).to_be_visible()
    page.get_by_label(outcome).check()
    if reason:
        page.get_by_label("Reason or comment").fill(reason)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_filter_decide_and_go_on_to_the_next_post(page, sign_in, waiting_posts, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("manager", next_path="/posts/")
    open_sign_off(page, width)
    expect(page.get_by_text("3 posts, waiting longest first")).to_be_visible()
    expect(
        page.get_by_role("row").filter(has_text="the consultation").get_by_text("Urgent")
    ).to_be_visible()
    fits(page, width)

    page.get_by_label("Search").fill("consultation")
    page.get_by_label("Channel").select_option(label="X (formerly Twitter)")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 post matches, waiting longest first")).to_be_visible()
    expect(page.get_by_label("Search")).to_have_value("consultation")
    fits(page, width)

    page.get_by_role("link", name="Cabinet Office: the consultation").click()
    fits(page, width)
    decide(page, "Approve")
    expect(page.get_by_text("Approved. It can go out; we have told Alex Author.")).to_be_visible()
    expect(page.get_by_text("2 posts wait for your sign-off")).to_be_visible()
    fits(page, width)

    # The next is the one waiting longest of those left, whatever the filter was.
    page.get_by_role("button", name="Go to the next post waiting for you").click()
    expect(in_summary(page).get_by_text("join our open session")).to_be_visible()
    decide(page, "Request changes", "Say which team is speaking.")
    expect(
        page.get_by_text("Changes requested. We have told Alex Author what to change.")
    ).to_be_visible()
    page.get_by_role("button", name="Go to the next post waiting for you").click()
    expect(in_summary(page).get_by_text("thank you to all who came")).to_be_visible()
    decide(page, "Approve")
    expect(page.get_by_role("heading", name="Nothing else waits for you")).to_be_visible()
    fits(page, width)
    page.get_by_role("link", name="Back to posts waiting for your sign-off").click()
    expect(page.get_by_text("Nothing is waiting for your sign-off.")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_from_the_header_to_a_recorded_decision_in_three_page_loads(
    page, sign_in, waiting_posts, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("manager", next_path="/posts/")
    loads = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    open_sign_off(page, width)
    page.get_by_role("link", name="Cabinet Office: join our open session").click()
    decide(page, "Approve")
    # The header's link, the queue's link to the post, and the decision sent, which
    # answers with the confirmation (a redirect is one load).
    assert len(loads) <= 3, loads


def test_the_same_morning_by_keyboard(page, live_server, waiting_posts):
    sign_in_by_keyboard(page, live_server, "manager", PASSWORD, next_path="/posts/")
    activate(page, "Sign-off")
    type_into(page, "Search", "consultation")
    tab_to(page, "Only posts the checks found something in")
    page.keyboard.press("Space")
    activate(page, "Apply filters")
    expect(page.get_by_text("No posts match")).to_be_visible()
    activate(page, "Clear filters and see everything waiting for you")
    activate(page, "Cabinet Office: join our open session")
    tab_to(page, "Approve")
    page.keyboard.press("Space")
    activate(page, "Record decision")
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()
    activate(page, "Go to the next post waiting for you")
    expect(in_summary(page).get_by_text(CONSULTATION)).to_be_visible()
