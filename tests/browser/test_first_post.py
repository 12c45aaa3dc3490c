"""A first-time author, never trained, by keyboard alone: from the sign-in
page to a post submitted for sign-off, the principles confirmed on the way,
in at most 7 page loads, at phone and desktop widths, every page accessible."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Post, PostStatus
from guidance.seeding import seed_guidance
from guidance.selectors import has_current_acknowledgement
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import activate, open_menu, submit_for_sign_off, tab_to, type_into
from tests.factories import PASSWORD, DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

MOST_PAGE_LOADS = 7


@pytest.fixture
def newcomer():
    seed_guidance()
    department = DepartmentFactory(name="Cabinet Office", slug="cabinet-office", abbreviation="CO")
    manager = UserFactory(username="manager", first_name="Morgan", last_name="Manager")
    StaffProfileFactory(user=manager, department=department, job_title="Head of digital")
    author = UserFactory(username="newcomer", first_name="Nia", last_name="Newcomer")
    StaffProfileFactory(
        user=author, department=department, job_title="Policy adviser", line_manager=manager
    )
    return author


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_first_post_is_submitted_by_keyboard_in_at_most_seven_page_loads(
    page, live_server, newcomer, width
):
    loads = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}/accounts/login/")
    type_into(page, "Username", "newcomer")
    type_into(page, "Password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="The principles")).to_be_visible()
    _fits(page, width)

    if page.get_by_role("button", name="Menu").is_visible():
        open_menu(page, "Menu")
    activate(page, "Your posts")
    activate(page, "Propose a post")
    expect(page.get_by_role("heading", name="Propose an official post")).to_be_visible()
    _fits(page, width)

    when = timezone.localdate() + timedelta(days=3)
    # A radio group is one tab stop; the arrow keys choose within it.
    tab_to(page, "X (formerly Twitter)")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("LinkedIn")).to_be_checked()
    type_into(page, "Account or page", "Cabinet Office")
    type_into(
        page,
        "Text of the post",
        "Cabinet Office: our guidance on taking part online is published today.",
    )
    expect(page.locator("#id_text-count")).to_have_text("You have 2,930 characters remaining")
    type_into(page, "Day", str(when.day))
    type_into(page, "Month", str(when.month))
    type_into(page, "Year", str(when.year))
    type_into(page, "Time it should go out", "9.30am")
    activate(page, "Save and check")
    expect(page.get_by_role("heading", name="Check your post, then submit it")).to_be_visible()
    expect(page.get_by_text("Morgan Manager, Head of digital")).to_be_visible()
    _fits(page, width)

    submit_for_sign_off(page)
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    expect(
        page.get_by_text("We have sent an e-mail to your line manager, Morgan Manager")
    ).to_be_visible()
    _fits(page, width)

    post = Post.objects.get(author=newcomer)
    assert post.status == PostStatus.SUBMITTED
    assert timezone.localtime(post.publish_at).strftime("%H:%M") == "09:30"
    assert has_current_acknowledgement(newcomer)
    assert len(loads) <= MOST_PAGE_LOADS, loads
