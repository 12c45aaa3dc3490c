"""A first-time author, never trained: from the sign-in page to a post
submitted for sign-off, the principles confirmed on the way, in at most 7
page loads, at phone and desktop widths, every page accessible."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Post, PostStatus
from guidance.seeding import seed_guidance
from guidance.selectors import has_current_acknowledgement
from tests.browser.axe import assert_accessible
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
def test_a_first_post_is_submitted_in_at_most_seven_page_loads(page, live_server, newcomer, width):
    loads = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="The principles")).to_be_visible()
    _fits(page, width)

    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():
        menu.click()
    page.get_by_role("link", name="Your posts").click()
    page.get_by_role("button", name="Propose a post").click()
    expect(page.get_by_role("heading", name="Propose an official post")).to_be_visible()
    _fits(page, width)

    when = timezone.localdate() + timedelta(days=3)
    page.get_by_label("LinkedIn").check()
    page.get_by_label("Account or page").fill("Cabinet Office")
    page.get_by_label("Text of the post").fill(
        "Cabinet Office: our guidance on taking part online is published today."
    )
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Time it should go out").fill("9.30am")
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", name="Check your post, then submit it")).to_be_visible()
    expect(page.get_by_text("Morgan Manager, Head of digital")).to_be_visible()
    _fits(page, width)

    page.get_by_label("I have read the principles for participation online").check()
    page.get_by_label("This post is within my role").check()
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    expect(page.get_by_text("We have sent an e-mail to Morgan Manager")).to_be_visible()
    _fits(page, width)

    post = Post.objects.get(author=newcomer)
    assert post.status == PostStatus.SUBMITTED
    assert timezone.localtime(post.publish_at).strftime("%H:%M") == "09:30"
    assert has_current_acknowledgement(newcomer)
    assert len(loads) <= MOST_PAGE_LOADS, loads
