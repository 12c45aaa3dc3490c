"""The main journeys with the keyboard alone: read and acknowledge the principles,
propose and submit a post, decide on it; edit a guidance page in the Wagtail
admin and approve it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Post, PostStatus
from guidance.models import PrinciplePage
from tests.browser.keyboard import (
    activate,
    open_dialog,
    open_menu,
    replace_text,
    sign_in_by_keyboard,
    submit_for_sign_off,
    tab_to,
    type_into,
)

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

    submit_for_sign_off(page)
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    post = Post.objects.get(text__startswith="Cabinet Office: read the principles")
    assert post.status == PostStatus.SUBMITTED
    sign_out_by_keyboard(page)

    sign_in_by_keyboard(page, live_server, "manager", demo)
    activate(page, "Sign-off")
    activate(page, "Cabinet Office: read the principles")
    tab_to(page, "Approve")
    page.keyboard.press("Space")
    activate(page, "Record decision")
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED


def sign_out_of_admin_by_keyboard(page, first_name):
    open_menu(page, first_name)
    activate(page, "Log out")
    expect(page.get_by_text("You have been successfully logged out.")).to_be_visible()


def test_edit_a_guidance_page_and_approve_it_by_keyboard(page, new_context, live_server, demo):
    principle = PrinciplePage.objects.get(number=1)
    before, after = principle.statement, "Be accurate, fair, thorough, open and transparent."
    # Someone reading the guidance throughout, in their own browser.
    reader = new_context().new_page()
    sign_in_by_keyboard(reader, live_server, "reader", demo)
    activate(reader, f"1. {principle.title}")
    expect(reader.get_by_text(before, exact=True)).to_be_visible()

    # The portal has no link to the editing tool: editors are given its address.
    sign_in_by_keyboard(page, live_server, "editor", demo, next_path="/admin/")
    open_menu(page, "Pages")
    activate(page, f"Edit '{principle.title}'")
    replace_text(page, "Statement", after)
    open_menu(page, "More actions")
    # Only the sign-off workflow puts guidance live.
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    activate(page, "Submit to Guidance sign-off")
    expect(page.locator(".messages")).to_contain_text("has been submitted for moderation")

    reader.reload()
    expect(reader.get_by_text(before, exact=True)).to_be_visible()
    expect(reader.get_by_text(after)).to_have_count(0)
    sign_out_of_admin_by_keyboard(page, "Eden")

    sign_in_by_keyboard(page, live_server, "admin", demo, next_path="/admin/")
    awaiting = page.locator("#awaiting-review-section")
    expect(awaiting).to_contain_text(principle.title)
    # From the page's own row, so that the next Actions menu is the one for it.
    tab_to(page, principle.title)
    open_menu(page, "Actions")
    open_dialog(page, "Approve with comment")
    comment = "Checked against the 2009 text."
    type_into(page, "Comment", comment)
    activate(page, "Approve with comment")
    expect(awaiting).to_have_count(0)

    reader.reload()
    expect(reader.get_by_text(after, exact=True)).to_be_visible()
    review = principle.workflow_states.get().task_states.get()
    assert (review.status, review.finished_by.username, review.comment) == (
        "approved",
        "admin",
        comment,
    )
