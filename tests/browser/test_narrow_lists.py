"""The author's list and the approver's queue on a phone: one card per post,
every column's value on screen, nothing wider than the window."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.posts import services
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

LONG_ACCOUNT = "@a-department-account-with-a-rather-long-name-indeed"


@pytest.fixture
def waiting_posts(team):
    author = team.author
    for number in range(3):
        post = services.save_draft(
            author=author,
            channel="linkedin",
            account=LONG_ACCOUNT,
            text=f"Cabinet Office: announcement number {number} about guidance for taking part.",
            link="",
            publish_at=timezone.now() + timedelta(days=2 + number),
        )
        services.submit_post(post_id=post.pk, author=author)


@pytest.mark.parametrize(("username", "path"), [("author", "/posts/"), ("manager", "/approvals/")])
def test_lists_fit_a_phone_with_every_column_labelled(page, sign_in, waiting_posts, username, path):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(username, next_path=path)
    expect(page.get_by_role("table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    last_cell = page.get_by_role("row").last.get_by_role("cell").last
    last_cell.scroll_into_view_if_needed()
    box = last_cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert_accessible(page)
