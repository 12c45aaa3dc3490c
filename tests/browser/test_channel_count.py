"""The count shown as an author types: the channel's limit, counted as the
channel counts, the same length the server checks."""

import json

import pytest
from playwright.sync_api import expect

from approvals.posts.channels import Channel, post_length
from tests.browser.axe import assert_accessible
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLES = [
    "",
    "Plain words.",
    "See https://www.gov.uk/guidance/social-media-use. Thanks!",
    "Read gov.uk/guidance and civilservice.gov.uk/about, then reply.",
    "Café, naïve, Ελληνικά, кириллица",
    "Combining: Cafe\u0301",
    "日本語のテキスト and 中文",
    "Flags 🇬🇧🇫🇷, family 👨‍👩‍👧, thumbs 👍🏽, keycap 1️⃣, heart ❤️",
    "Quote \u201ccurly\u201d \u2013 dash \u2026 ellipsis",
    "email press@cabinetoffice.gov.uk is not a link",
    "Trailing (https://example.org/path).",
    "Threads count emoji as bytes 😀🇬🇧 and Bluesky graphemes e\u0301 👩🏽‍💻",
]


@pytest.fixture
def author():
    department = DepartmentFactory(name="Cabinet Office", slug="cabinet-office", abbreviation="CO")
    user = UserFactory(username="author", first_name="Alex", last_name="Author")
    StaffProfileFactory(user=user, department=department, job_title="Engagement officer")
    return user


def test_the_browser_counts_each_channel_as_the_server_does(page, sign_in, author):
    sign_in("author", next_path="/posts/new/")
    lengths = page.evaluate(
        """async ([samples, channels]) => {
            const { postLength } = await import("/static/js/channel-count.mjs");
            return samples.map((text) => channels.map((channel) => postLength(text, channel)));
        }""",
        [SAMPLES, [channel.value for channel in Channel]],
    )
    expected = [[post_length(text, channel.value) for channel in Channel] for text in SAMPLES]
    assert lengths == expected, json.dumps(
        list(zip(SAMPLES, lengths, expected, strict=True)), indent=1
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_the_count_follows_the_channel_and_the_text(page, sign_in, author, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("author", next_path="/posts/new/")
    count = page.locator("#id_text-count")
    expect(count).to_have_text("Choose where it will go out to see how many characters you have")
    page.get_by_label("X (formerly Twitter)").check()
    expect(count).to_have_text("You have 280 characters remaining")
    page.get_by_label("Text of the post").fill("Read https://www.gov.uk/guidance today")
    expect(count).to_have_text(f"You have {280 - len('Read  today') - 23} characters remaining")
    page.get_by_label("Text of the post").fill("x" * 290)
    expect(count).to_have_text("You have 10 characters too many")
    expect(count).to_have_class("govuk-character-count__message govuk-error-message")
    page.get_by_label("LinkedIn").check()
    expect(count).to_have_text("You have 2,710 characters remaining")
    page.get_by_label("Blog post").check()
    expect(count).to_have_text("290 characters: no limit for this channel")
    expect(page.locator(".govuk-character-count__sr-status")).to_have_text(
        "290 characters: no limit for this channel"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
