"""A reader finds the guidance, searches it, prints the card and confirms they
have read the principles, by keyboard, and every page passes axe. An editor
changes a principle in the Wagtail admin and an approver publishes it."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from guidance import seeding, sources
from guidance.blocks import CIVIL_SERVICE_CODE_URL as CODE
from guidance.models import GuidanceHomePage, GuidancePage, PrinciplePage
from guidance.seeding import seed_guidance
from tests.browser.axe import assert_accessible
from tests.browser.keyboard import activate, tab_to, type_into
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reader():
    seed_guidance()
    return UserFactory(username="reader", first_name="Rhiannon", last_name="Reader")


def test_every_guidance_page_is_accessible_and_reached_by_keyboard(page, sign_in, reader):
    sign_in("reader")
    expect(page.get_by_role("heading", level=1)).to_have_text(sources.load().principles_2009_title)
    assert_accessible(page)

    activate(page, "1. Be credible")
    expect(page.get_by_role("heading", name="Be credible")).to_be_visible()
    assert_accessible(page)

    activate(page, "Home")
    activate(page, "How the Civil Service Code applies to online participation")
    expect(page.get_by_text("libel, defamation, copyright and data protection")).to_be_visible()
    assert_accessible(page)

    activate(page, "Home")
    activate(page, "About this guidance")
    expect(page.get_by_role("heading", name="About this guidance")).to_be_visible()
    assert_accessible(page)


def test_searching_by_keyboard_and_every_outcome_is_accessible(page, sign_in, reader):
    sign_in("reader")
    activate(page, "Search")
    expect(page.get_by_text("Enter a word or phrase")).to_be_visible()
    assert_accessible(page)

    type_into(page, "Search the guidance", "libel")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 result for “libel”")).to_be_visible()
    assert_accessible(page)
    activate(page, "How the Civil Service Code applies to online participation")
    expect(page.get_by_text("be aware that libel, defamation")).to_be_visible()

    page.goto(page.url.split("/civil")[0] + "/search/?q=zzqxj")
    expect(page.get_by_text("No guidance matches your search")).to_be_visible()
    assert_accessible(page)

    page.goto(page.url.split("/search")[0] + "/search/?q=" + "libel+" * 40)
    expect(page.get_by_role("link", name="Enter 200 characters or fewer")).to_be_visible()
    assert_accessible(page)


def test_the_card_prints_the_five_principles_on_one_sheet_without_the_site(page, sign_in, reader):
    sign_in("reader")
    activate(page, "Print the principles card")
    card = page.locator(".guidance-card")
    for principle in sources.load().principles:
        expect(card).to_contain_text(f"{principle.number}. {principle.title}")
        expect(card).to_contain_text(principle.statement)
    expect(card).to_contain_text("Open Government Licence v3.0")
    tab_to(page, "Print this card")
    assert_accessible(page)

    page.emulate_media(media="print")
    for chrome in [".govuk-template__header", ".govuk-template__footer", ".guidance-card-actions"]:
        expect(page.locator(chrome)).to_be_hidden()
    expect(card).to_be_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


def test_a_reader_confirms_they_have_read_the_principles_by_keyboard(page, sign_in, reader):
    sign_in("reader")
    expect(page.get_by_text("Not confirmed", exact=True)).to_be_visible()
    activate(page, "Read and confirm the principles")
    assert_accessible(page)

    tab_to(page, "Confirm")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tick the box to confirm you have read the principles"
    )
    assert page.title().startswith("Error:")
    assert_accessible(page)

    tab_to(page, "I have read the principles")
    page.keyboard.press("Space")
    tab_to(page, "Confirm")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("You have confirmed you read the principles")).to_be_visible()
    expect(page.get_by_text("Up to date", exact=True)).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def principle_to_change(reader):
    editor = UserFactory(username="editor", first_name="Eden", last_name="Editor")
    editor.groups.add(Group.objects.get(name=seeding.EDITORS))
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    admin.groups.add(Group.objects.get(name=seeding.APPROVERS))
    return PrinciplePage.objects.get(number=1)


def test_an_editor_changes_a_principle_and_an_approver_publishes_it(
    page, live_server, sign_in, principle_to_change
):
    edit_url = f"/admin/pages/{principle_to_change.pk}/edit/"
    sign_in("editor", next_path=edit_url)
    page.get_by_role("textbox", name="Statement").fill(
        "Be accurate, fair, thorough, open and transparent."
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Guidance sign-off").click()
    expect(page.locator(".messages")).to_contain_text("has been submitted for moderation")

    page.context.clear_cookies()
    sign_in("admin", next_path=edit_url)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been updated")

    assert not PrinciplePage.objects.get(pk=principle_to_change.pk).workflow_in_progress

    page.context.clear_cookies()
    sign_in("reader", next_path="/be-credible/")
    expect(page.get_by_text("Be accurate, fair, thorough, open and transparent.")).to_be_visible()


def test_a_page_using_every_kind_of_block_is_accessible(page, sign_in, reader):
    home = GuidanceHomePage.objects.get()
    example = GuidancePage(
        title="Blogging as a civil servant",
        introduction="What the principles mean when you write a blog.",
        body=[
            ("text", "<h2>Before you start</h2><p>Read the principles.</p><ul><li>One</li></ul>"),
            ("callout", {"heading": "Remember", "text": "<p>Comments last for ever.</p>"}),
            ("do_dont", {"heading": "Examples", "do": ["Say who you are"], "dont": ["Guess"]}),
            ("do_dont", {"heading": "", "do": ["Correct mistakes"], "dont": ["Delete them"]}),
            ("civil_service_code", {"text": "Read the Civil Service Code at", "url": CODE}),
        ],
    )
    home.add_child(instance=example)
    example.save_revision().publish()
    sign_in("reader", next_path="/blogging-as-a-civil-servant/")
    expect(page.get_by_role("heading", name="Examples")).to_be_visible()
    expect(page.get_by_text("Comments last for ever.")).to_be_visible()
    assert_accessible(page)
