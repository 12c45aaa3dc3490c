"""A line manager comments on a passage of a post and its author replies, in
Chromium on a phone and on a desktop, with no JavaScript needed: the author
learns of it from What's new beside their name. Every page passes axe and fits
the window."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Comment
from approvals.posts import services
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]
TEXT = "Cabinet Office: the consultation on taking part online opens today."


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_comment_on_a_passage_and_a_reply(page, sign_in, team, width):
    post = services.save_draft(
        author=team.author,
        channel="linkedin",
        account="Cabinet Office",
        text=TEXT,
        link="",
        publish_at=timezone.now() + timedelta(days=2),
    )
    services.submit_post(post_id=post.pk, author=team.author)
    page.set_viewport_size({"width": width, "height": 900})

    sign_in("manager", next_path=f"/approvals/{post.pk}/")
    expect(page.get_by_role("heading", name="Decide on a proposed post")).to_be_visible()
    expect(page.get_by_text("No comments yet.")).to_be_visible()
    page.get_by_role("link", name="Comment on this post or a passage of it").click()
    expect(page.get_by_role("heading", name="Add a comment")).to_be_visible()
    fits(page, width)

    # A passage that is not in the post: said on the same page, nothing lost.
    page.get_by_label("Passage you are commenting on (optional)").fill("opens tomorrow")
    page.get_by_label("Your comment").fill("Which day exactly?")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Your comment")).to_have_value("Which day exactly?")
    fits(page, width)
    page.get_by_label("Passage you are commenting on (optional)").fill("opens today")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Your comment is added.")).to_be_visible()
    expect(page.locator(".portal-comment__quote")).to_contain_text("“opens today”")
    fits(page, width)

    page.context.clear_cookies()
    sign_in("author", next_path="/posts/")
    # Beside their name: what is new for them. Below the tablet breakpoint
    # the navigation is behind its menu button.
    if width < 641:
        page.get_by_role("button", name="Menu").click()
    whats_new = page.get_by_role("link", name="What's new 1 new")
    expect(whats_new).to_be_visible()
    fits(page, width)
    whats_new.click()
    expect(page.get_by_role("heading", name="What has changed for you")).to_be_visible()
    fits(page, width)
    page.get_by_role("link", name=f"Morgan Manager commented on post {post.pk} (LinkedIn)").click()
    expect(page.get_by_role("heading", name="Comments on this post")).to_be_visible()
    page.get_by_role("link", name="Reply to Morgan Manager").click()
    expect(page.get_by_role("heading", name="Reply to Morgan Manager")).to_be_visible()
    page.get_by_label("Your reply").fill("It opens at 9am today; I will say so.")
    page.get_by_role("button", name="Add reply").click()
    expect(page.get_by_text("Your reply is added.")).to_be_visible()
    fits(page, width)
    reply = Comment.objects.get(author=team.author)
    assert reply.reply_to == Comment.objects.get(author=team.manager)
    # Read once opened: nothing new is counted any more.
    expect(page.locator(".portal-count")).to_have_count(0)
