"""An author proposes a post with two images, each with alt text, and sees it as X and
then Instagram would show it; sent back, they change one image's alt text, and the
approver sees that change, the image before and after. Every page passes axe."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PillowImage
from playwright.sync_api import expect

from approvals.models import Outcome, PostStatus
from approvals.posts import deciding, services
from guidance import selectors as guidance_selectors
from guidance import services as guidance_services
from guidance.seeding import seed_guidance
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Cabinet Office: our open session on taking part online is next month."
CHART = "A bar chart: sign-ups for the open session rose week by week"
ROOM = "The meeting room in 70 Whitehall, set out with chairs in rows"
CHART_NOW = "A bar chart: sign-ups for the open session doubled in March"


def png(colour) -> dict:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1200, 900), colour).save(buffer, "PNG")
    return {"name": "picture.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(team):
    seed_guidance()
    version = guidance_selectors.acknowledgement_status(team.author).current_version
    guidance_services.acknowledge(user=team.author, version=version)
    return services.save_draft(
        author=team.author,
        channel="x",
        account="@cabinetofficeuk",
        text=TEXT,
        link="",
        publish_at=timezone.now() + timedelta(days=3),
    )


def sign_in_as(page, live_server, username, path):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Password").press("Enter")


def upload(page, colour, alt_text):
    form = page.locator("form", has=page.get_by_role("button", name="Upload and add"))
    form.get_by_label("Image file").set_input_files(png(colour))
    form.get_by_label("Alt text").fill(alt_text)
    with page.expect_navigation():
        form.get_by_role("button", name="Upload and add").click()
    expect(page.get_by_text("Image uploaded and added to the post.")).to_be_visible()


def preview_images(page):
    return page.locator(".portal-preview img")


def all_loaded(page) -> bool:
    """Every image on the page was served and drawn: none broken."""
    page.wait_for_load_state("load")
    return page.evaluate(
        "Array.from(document.images).every(image => image.complete && image.naturalWidth > 0)"
    )


def test_an_author_adds_images_and_the_approver_sees_a_changed_alt_text(
    page, live_server, team, draft
):
    post_path = reverse("approvals:post", args=[draft.pk])
    sign_in_as(page, live_server, "author", post_path)
    page.get_by_role("link", name="Add images").click()
    expect(page.get_by_role("heading", name="Images")).to_be_visible()
    assert_accessible(page)

    # A file that is no image: Wagtail's message, on the same page.
    form = page.locator("form", has=page.get_by_role("button", name="Upload and add"))
    form.get_by_label("Image file").set_input_files(
        {"name": "notes.png", "mimeType": "image/png", "buffer": b"not a picture"}
    )
    form.get_by_label("Alt text").fill(CHART)
    form.get_by_role("button", name="Upload and add").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Upload a valid image")
    expect(page.get_by_label("Alt text").first).to_have_value(CHART)
    assert_accessible(page)

    upload(page, (29, 112, 184), CHART)
    upload(page, (0, 112, 60), ROOM)
    assert_accessible(page)

    page.get_by_role("link", name="Back to the post").first.click()
    expect(
        page.get_by_role("heading", name="How it will look on X (formerly Twitter)")
    ).to_be_visible()
    expect(preview_images(page)).to_have_count(2)
    expect(preview_images(page).first).to_have_attribute("alt", CHART)
    # X crops each of two images to a square tile.
    assert "fill-240x240" in preview_images(page).first.get_attribute("src")
    assert all_loaded(page)
    assert_accessible(page)

    # The same post on Instagram: square, as Instagram crops.
    page.get_by_role("link", name="Change the post").first.click()
    page.get_by_label("Instagram").check()
    page.get_by_label("Account or page").fill("@cabinetoffice")
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_role("heading", name="How it will look on Instagram")).to_be_visible()
    expect(preview_images(page)).to_have_count(2)
    assert "fill-480x480" in preview_images(page).first.get_attribute("src")
    assert_accessible(page)

    page.get_by_label("I have read the principles for participation online").check()
    page.get_by_label("This post is within my role").check()
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()

    # The manager opens it, and sends it back.
    draft.refresh_from_db()
    services.mark_seen(post=draft, user=team.manager)
    deciding.decide(
        post_id=draft.pk,
        version_id=draft.current_version_id,
        user=team.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say what the chart shows.",
    )

    page.goto(f"{live_server.url}{post_path}")
    page.get_by_role("link", name="Change the images").click()
    page.get_by_role("link", name="Change the alt text of image 1").click()
    expect(page.get_by_role("heading", name="Change the alt text")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Alt text").fill(CHART_NOW)
    page.get_by_role("button", name="Save alt text").click()
    expect(page.get_by_text("Alt text changed.")).to_be_visible()
    page.get_by_role("link", name="Back to the post").first.click()
    page.get_by_label("I have read the principles for participation online").check()
    page.get_by_label("This post is within my role").check()
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.get_by_role("heading", name="Post submitted for sign-off")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == PostStatus.SUBMITTED
    assert draft.current_version.number == 2

    sign_in_as(page, live_server, "manager", reverse("approvals:decide", args=[draft.pk]))
    expect(page.get_by_role("heading", name="Decide on a proposed post")).to_be_visible()
    changed = page.locator(".portal-image-change")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("Image 1: alt text changed")
    expect(changed.locator("img")).to_have_count(2)
    expect(changed.locator(f'img[alt="{CHART}"]')).to_have_count(1)
    expect(changed.locator(f'img[alt="{CHART_NOW}"]')).to_have_count(1)
    expect(changed.locator("ins").first).to_contain_text("doubled")
    expect(changed.locator("del").first).to_contain_text("rose")
    assert all_loaded(page)
    assert_accessible(page)


SECOND_PART = "Sign up on the intranet: places are limited to forty people."
POSTER = "A poster for the open session, with the date and the room in large print"


def test_an_author_adds_an_image_to_the_second_part_of_a_thread(page, live_server, team, draft):
    services.save_draft(
        author=team.author,
        post_id=draft.pk,
        channel="x",
        account="@cabinetofficeuk",
        text=TEXT,
        further_parts=[SECOND_PART],
        link="",
        publish_at=draft.publish_at,
    )
    sign_in_as(page, live_server, "author", reverse("approvals:post", args=[draft.pk]))
    page.get_by_role("link", name="Add images").click()
    form = page.locator("form", has=page.get_by_role("button", name="Upload and add"))
    form.get_by_label("Part 2: Sign up on the intranet: places are limited…").check()
    assert_accessible(page)
    upload(page, (212, 53, 28), POSTER)
    expect(page.get_by_role("heading", name="Part 2: Sign up on the intranet")).to_be_visible()
    expect(page.get_by_text("No images in this part.")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Back to the post").first.click()
    first = page.get_by_role("group", name="Part 1 of 2 on X (formerly Twitter)")
    second = page.get_by_role("group", name="Part 2 of 2 on X (formerly Twitter)")
    expect(second.locator("img")).to_have_count(1)
    expect(second.locator("img")).to_have_attribute("alt", POSTER)
    expect(first.locator("img")).to_have_count(0)
    expect(page.get_by_text("Part 2, image 1, alt text:")).to_be_visible()
    assert all_loaded(page)
    assert_accessible(page)
