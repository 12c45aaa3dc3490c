"""An author whose post was sent back, by keyboard alone at phone and desktop
widths: the home page says what needs them, the post says why at the top,
they change it and submit it again, and the page says who was told."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Outcome, PostStatus
from approvals.posts import deciding, services
from guidance import selectors as guidance_selectors
from guidance import services as guidance_services
from guidance.seeding import seed_guidance
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import activate, replace_text, submit_for_sign_off, tab_to
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent_back(team):
    seed_guidance()
    author, manager = team.author, team.manager
    version = guidance_selectors.acknowledgement_status(author).current_version
    guidance_services.acknowledge(user=author, version=version)
    post = services.save_draft(
        author=author,
        channel="linkedin",
        account="Cabinet Office",
        text="Cabinet Office: our guidance is out.",
        link="",
        publish_at=timezone.now() + timedelta(days=3),
    )
    post = services.submit_post(post_id=post.pk, author=author)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say which guidance, and link to it.",
    )
    return post


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_post_sent_back_is_changed_and_submitted_by_keyboard(page, live_server, sent_back, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    tab_to(page, "Username")
    page.keyboard.type("author")
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="What needs you now")).to_be_visible()
    _fits(page, width)

    # One post sent back: the task goes straight to it.
    activate(page, "1 of your posts needs changes")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Say which guidance, and link to it.")
    _fits(page, width)

    activate(page, "Change the post")
    replace_text(
        page,
        "Text of the post",
        "Cabinet Office: our guidance on taking part online is out at https://www.gov.uk.",
    )
    activate(page, "Save and check")
    expect(page.get_by_role("heading", name="Check your post, then submit it")).to_be_visible()
    _fits(page, width)

    submit_for_sign_off(page)
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    expect(
        page.get_by_text("We have sent an e-mail to your line manager, Morgan Manager")
    ).to_be_visible()
    _fits(page, width)
    sent_back.refresh_from_db()
    assert sent_back.status == PostStatus.SUBMITTED
    assert sent_back.current_version.number == 2
