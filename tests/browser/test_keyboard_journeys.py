"""The main journeys with the keyboard alone: read and acknowledge the principles,
propose and submit a post, decide on it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Post, PostStatus
from tests.browser.keyboard import activate, sign_in_by_keyboard, tab_to, type_into

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    call_command("seed_demo")
    return settings.DEMO_PASSWORD


def sign_out_by_keyboard(page):
    activate(page, "Sign out")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_read_acknowledge_propose_submit_and_decide_by_keyboard(page, live_server, demo):
    sign_in_by_keyboard(page, live_server, "author", demo)

    activate(page, "Read and confirm the principles")
    tab_to(page, "I have read the principles")
    page.keyboard.press("Space")
    tab_to(page, "Confirm")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("You have confirmed you read the principles")).to_be_visible()

    activate(page, "Your posts")
    activate(page, "Propose a post")
    tab_to(page, "X (formerly Twitter)")
    page.keyboard.press("Space")
    type_into(page, "Account or page", "@cabinetofficeuk")
    type_into(
        page, "Text of the post", "Cabinet Office: read the principles for taking part online."
    )
    when = timezone.localdate() + timedelta(days=4)
    type_into(page, "Day", str(when.day))
    type_into(page, "Month", str(when.month))
    type_into(page, "Year", str(when.year))
    type_into(page, "Time it should go out", "10:15")
    activate(page, "Save and check")
    expect(page.get_by_role("heading", name="Checks against the principles")).to_be_visible()

    tab_to(page, "I have read the principles for participation online")
    page.keyboard.press("Space")
    tab_to(page, "This post is within my role")
    page.keyboard.press("Space")
    activate(page, "Submit for sign-off")
    expect(page.get_by_text("Submitted for sign-off. We have told your approver.")).to_be_visible()
    post = Post.objects.get(text__startswith="Cabinet Office: read the principles")
    assert post.status == PostStatus.SUBMITTED
    sign_out_by_keyboard(page)

    sign_in_by_keyboard(page, live_server, "manager", demo)
    activate(page, "Sign-off")
    activate(page, "Cabinet Office: read the principles")
    tab_to(page, "Approve")
    page.keyboard.press("Space")
    activate(page, "Record decision")
    expect(page.get_by_text("Decision recorded. We have told the author.")).to_be_visible()
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED
