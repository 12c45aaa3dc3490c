"""Issue 18's whole exchange in Chromium: an author asks their line manager for
advice, the manager says it needs sign-off as an official post, the author
submits the post made from it, the manager comments on a passage, the author
replies and changes the text, and the manager approves. Every page passes axe,
and the post's record holds the whole exchange."""

import re

import pytest
from playwright.sync_api import expect

from approvals.models import AdviceRequest, Comment, PostStatus
from guidance import selectors as guidance_selectors
from guidance import services as guidance_services
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import submit_for_sign_off

pytestmark = pytest.mark.django_db(transaction=True)

ABOUT = "I would like to tell LinkedIn about our open session on taking part online."
DRAFT = "Cabinet Office: join our open session on taking part online on Tuesday."
CHANGED = "Cabinet Office: join our open session on taking part online on Tuesday 9 March."


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_advice_becomes_a_post_talked_through_and_approved(page, sign_in, team):
    status = guidance_selectors.acknowledgement_status(team.author)
    guidance_services.acknowledge(user=team.author, version=status.current_version)

    # The author asks.
    sign_in("author", next_path="/advice/new/")
    page.get_by_label("Officially, for my department").check()
    page.get_by_label("LinkedIn").check()
    page.get_by_label("Account, site or event").fill("Cabinet Office")
    page.get_by_label("What do you want to say?").fill(ABOUT)
    page.get_by_label("Draft text (optional)").fill(DRAFT)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request has been sent to Morgan Manager.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The manager learns of it beside their name and answers: it needs sign-off.
    sign_in("manager", next_path="/notices/")
    page.get_by_role("link", name=re.compile("Alex Author asked for your advice")).click()
    expect(page.get_by_role("heading", name="Alex Author asks for advice")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("This needs sign-off as an official post").check()
    page.get_by_label("Your advice").fill("It speaks for the department, so it needs sign-off.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("A draft post has been made for them")).to_be_visible()
    sign_out(page)

    # The author completes the draft made from the advice and submits it.
    asked = AdviceRequest.objects.get()
    sign_in("author", next_path=f"/advice/{asked.pk}/")
    page.get_by_role("link", name="Check and complete your draft post").click()
    expect(page.get_by_role("heading", name="Check your post, then submit it")).to_be_visible()
    assert_accessible(page)
    submit_for_sign_off(page)
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    sign_out(page)
    post = asked.post
    post.refresh_from_db()
    assert post.status == PostStatus.SUBMITTED

    # The manager comments on a passage.
    sign_in("manager", next_path=f"/approvals/{post.pk}/")
    expect(page.get_by_role("heading", name="Decide on a proposed post")).to_be_visible()
    page.get_by_role("link", name="Comment on this post or a passage of it").click()
    page.get_by_label("Passage you are commenting on (optional)").fill("on Tuesday")
    page.get_by_label("Your comment").fill("Which Tuesday? Give the date.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Your comment is added.")).to_be_visible()
    assert_accessible(page)
    # And sends it back, so that the author can change it.
    page.goto(page.url.split("/posts/")[0] + f"/approvals/{post.pk}/")
    page.get_by_label("Request changes").check()
    page.get_by_label(re.compile("Reason")).fill("See my comment: give the date.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", name="Decision recorded")).to_be_visible()
    sign_out(page)

    # The author replies, changes the text and submits it again.
    sign_in("author", next_path=f"/posts/{post.pk}/comments/")
    page.get_by_role("link", name="Reply to Morgan Manager").click()
    page.get_by_label("Your reply").fill("Tuesday 9 March; I will add it.")
    page.get_by_role("button", name="Add reply").click()
    expect(page.get_by_text("Your reply is added.")).to_be_visible()
    assert_accessible(page)
    page.goto(page.url.split("/posts/")[0] + f"/posts/{post.pk}/")
    page.get_by_role("button", name="Change the post").click()
    expect(page.get_by_label("Text of the post")).to_have_value(DRAFT)
    page.get_by_label("Text of the post").fill(CHANGED)
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", name="Check your post, then submit it")).to_be_visible()
    submit_for_sign_off(page)
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    sign_out(page)

    # The manager sees what changed and approves.
    sign_in("manager", next_path=f"/approvals/{post.pk}/")
    expect(page.locator(".portal-diff__added").first).to_contain_text("9 March")
    expect(page.locator(".portal-comment__quote")).to_contain_text("on Tuesday")
    assert_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Approved. It can go out; we have told Alex Author.")).to_be_visible()
    sign_out(page)
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED
    assert Comment.objects.filter(version__post=post).count() == 2

    # The record holds the whole exchange.
    sign_in("author", next_path=f"/posts/{post.pk}/record/")
    record = page.locator("main")
    expect(record).to_contain_text(f"advice request {asked.pk}")
    expect(record).to_contain_text("Version 1, submitted")
    expect(record).to_contain_text("Version 2, submitted")
    expect(record).to_contain_text("What changed from version 1")
    expect(record).to_contain_text("Which Tuesday? Give the date.")
    expect(record).to_contain_text("Tuesday 9 March; I will add it.")
    expect(record).to_contain_text("Changes requested")
    expect(record).to_contain_text("Approved")
    assert_accessible(page)
