"""Asking for advice in Chromium: an author asks their line manager, the manager
answers "This needs sign-off as an official post", and the author finds the draft
post made from the request, linked back to it. Then the exception to disclosure:
asked by the author, agreed by the line manager, seen by the department approver
as an agreed exception. Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.models import AdviceRequest, PostStatus
from approvals.posts import services as posts
from guidance import selectors as guidance_selectors
from guidance import services as guidance_services
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

ABOUT = "I would like to announce our open session on the principles on LinkedIn."
REASON = "I have been threatened after a previous post."
DRAFT = "Cabinet Office: join our open session on the principles for taking part online."


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_advice_that_needs_sign_off_becomes_the_authors_draft(page, sign_in, team):
    sign_in("author", next_path="/advice/")
    expect(page.get_by_role("heading", name="Your advice requests")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ask for advice").click()
    expect(page.get_by_role("heading", name="Ask your line manager for advice")).to_be_visible()
    assert_accessible(page)

    # Sent empty: the error summary, then each field's message, all accessible.
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert")).to_contain_text("Describe what you want to say")
    assert_accessible(page)

    page.get_by_label("Officially, for my department").check()
    page.get_by_label("LinkedIn").check()
    page.get_by_label("Account, site or event").fill("Cabinet Office")
    page.get_by_label("What do you want to say?").fill(ABOUT)
    page.get_by_label("Draft text (optional)").fill(DRAFT)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request has been sent to Morgan Manager.")).to_be_visible()
    expect(page.get_by_text("Waiting for an answer")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in("manager", next_path="/advice/waiting/")
    expect(page.get_by_role("heading", name="Advice requests waiting")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Alex Author").click()
    expect(page.get_by_role("heading", name="Alex Author asks for advice")).to_be_visible()
    expect(page.get_by_text(ABOUT)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("This needs sign-off as an official post").check()
    page.get_by_label("Your advice").fill("It speaks for the department, so it needs sign-off.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("A draft post has been made for them")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    asked = AdviceRequest.objects.get()
    assert asked.post is not None and asked.post.status == PostStatus.DRAFT
    sign_in("author", next_path=f"/advice/{asked.pk}/")
    expect(page.get_by_text("Needs sign-off as an official post", exact=True)).to_be_visible()
    page.get_by_role("link", name="Check and complete your draft post").click()
    expect(page.get_by_role("heading", name="Check your post, then submit it")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text(DRAFT)
    expect(page.get_by_role("link", name=f"advice request {asked.pk}")).to_be_visible()
    assert_accessible(page)


def test_the_line_manager_agrees_not_to_disclose_and_the_approver_sees_the_exception(
    page, sign_in, team
):
    status = guidance_selectors.acknowledgement_status(team.author)
    guidance_services.acknowledge(user=team.author, version=status.current_version)
    draft = posts.save_draft(
        author=team.author,
        channel="linkedin",
        account="@opensessions",
        text="Join us for an open session on taking part online next month.",
        link="",
        publish_at=timezone.now() + timedelta(days=3),
    )
    post = posts.submit_post(post_id=draft.pk, author=team.author)

    sign_in("author", next_path=f"/posts/{post.pk}/")
    page.get_by_role("link", name="ask your line manager to agree that you need not").click()
    expect(page.get_by_role("heading", name="Ask not to disclose your position")).to_be_visible()
    page.get_by_role("button", name="Send to your line manager").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why you should not disclose")
    assert_accessible(page)
    page.get_by_label("Why should you not disclose your position on this post?").fill(REASON)
    page.get_by_role("button", name="Send to your line manager").click()
    expect(page.get_by_text("Waiting for the line manager")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in("manager", next_path=f"/posts/{post.pk}/")
    page.get_by_role("link", name="Agree or refuse not disclosing the position").click()
    expect(page.get_by_text(REASON)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes, I agree: the circumstances are exceptional").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Agreed exception").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Decide on this post").click()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()
    sign_out(page)

    sign_in("press", next_path=f"/approvals/{post.pk}/")
    expect(page.get_by_role("heading", name="Decide on a proposed post")).to_be_visible()
    expect(page.locator(".portal-findings")).to_contain_text("Agreed exception")
    expect(page.locator(".portal-findings")).to_contain_text(
        "Morgan Manager, as line manager, agreed on"
    )
    assert_accessible(page)
