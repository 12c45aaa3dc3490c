"""From proposal to publication in Chromium: the author proposes and submits, the line
manager approves, the checks' findings send it on to the press office, which approves,
and the author records where it went out. Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import Post, PostStatus
from approvals.posts import services
from guidance import selectors as guidance_selectors
from guidance import services as guidance_services
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(team):
    status = guidance_selectors.acknowledgement_status(team.author)
    guidance_services.acknowledge(user=team.author, version=status.current_version)
    return team.author, team.manager


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_propose_submit_approve_and_record_publication(page, sign_in, people):
    when = timezone.localtime() + timedelta(days=2)

    sign_in("author", next_path="/posts/")
    assert_accessible(page)
    page.get_by_role("button", name="Propose a post").click()
    assert_accessible(page)
    page.get_by_label("LinkedIn").check()
    page.get_by_label("Account or page").fill("Cabinet Office")
    page.get_by_label("Text of the post").fill(
        "Cabinet Office: we will publish our guidance on taking part online next week."
    )
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Time it should go out").fill("09:30")
    page.get_by_role("button", name="Save and check").click()

    expect(page.get_by_role("heading", name="Checks against the principles")).to_be_visible()
    expect(page.get_by_text("make no commitments on behalf of Government")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I have read the principles for participation online").check()
    page.get_by_label("This post is within my role").check()
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in("manager", next_path="/posts/")
    page.get_by_role("link", name="Sign-off").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cabinet Office: we will publish").click()
    expect(page.get_by_role("heading", name="Decide on a proposed post")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Approve").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Record decision").press("Enter")
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in("press", next_path="/approvals/")
    page.get_by_role("link", name="Cabinet Office: we will publish").click()
    expect(page.get_by_text("approved by Morgan Manager as line manager")).to_be_visible()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()
    sign_out(page)

    post = Post.objects.get()
    assert post.status == PostStatus.APPROVED

    sign_in("author", next_path=f"/posts/{post.pk}/")
    page.get_by_role("button", name="Record where it was published").click()
    assert_accessible(page)
    page.get_by_label("Address of the published post").fill("https://www.linkedin.com/feed/1")
    page.get_by_role("button", name="Record publication").click()
    expect(page.get_by_text("Publication recorded.", exact=True)).to_be_visible()
    assert_accessible(page)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_errors_on_the_decision_page_are_accessible(page, sign_in, people):
    author, _ = people
    post = services.save_draft(
        author=author,
        channel="x",
        account="@cabinetofficeuk",
        text="Cabinet Office: hello.",
        link="",
        publish_at=timezone.now() + timedelta(days=1),
    )
    services.submit_post(post_id=post.pk, author=author)
    sign_in("manager", next_path=f"/approvals/{post.pk}/")
    page.get_by_label("Reject").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
