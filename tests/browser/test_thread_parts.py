"""Writing a thread in the browser: parts added and removed by the server, each with its
own count as its channel counts, and nothing lost on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.posts.channels import Channel, post_length
from tests.browser.axe import assert_accessible
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECOND = "Part two 👨‍👩‍👧 with a link: https://www.gov.uk/guidance"


@pytest.fixture
def author():
    department = DepartmentFactory(name="Cabinet Office", slug="cabinet-office", abbreviation="CO")
    user = UserFactory(username="author", first_name="Alex", last_name="Author")
    StaffProfileFactory(user=user, department=department, job_title="Engagement officer")
    return user


def remaining(channel: Channel, text: str) -> str:
    return f"You have {channel.limit - post_length(text, channel):,} characters remaining"


def test_an_author_writes_a_thread_part_by_part(page, sign_in, author):
    sign_in("author", next_path="/posts/new/")
    page.get_by_label("X (formerly Twitter)").check()
    page.get_by_label("Account or page").fill("@cabinetofficeuk")
    page.get_by_label("Text of the post").fill("Cabinet Office: a thread in three parts.")
    page.get_by_role("button", name="Add another part").click()
    page.get_by_label("Part 2").fill(SECOND)
    page.get_by_role("button", name="Add another part").click()
    page.get_by_label("Part 3").fill("Part three.")
    expect(page.get_by_label("Part 1")).to_have_value("Cabinet Office: a thread in three parts.")
    expect(page.get_by_label("Part 2")).to_have_value(SECOND)
    count = page.locator("#id_part_2-count")
    expect(count).to_have_text(remaining(Channel.X, SECOND))
    for channel in (Channel.THREADS, Channel.BLUESKY):
        page.get_by_label(channel.label, exact=True).check()
        expect(count).to_have_text(remaining(channel, SECOND))
    assert_accessible(page)

    # Enter in a field saves the thread; it does not press "Remove part 2".
    page.get_by_label("Account or page").press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Part 2")).to_have_value(SECOND)

    page.get_by_role("button", name="Remove part 2").click()
    expect(page.get_by_label("Part 2")).to_have_value("Part three.")
    expect(page.get_by_label("Part 3")).to_have_count(0)
    expect(page.locator("#id_part_2-count")).to_have_text(remaining(Channel.BLUESKY, "Part three."))

    # Saved, the thread is previewed part by part, in order, as Bluesky shows it.
    when = timezone.localdate() + timedelta(days=3)
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Time it should go out").fill("9.30am")
    page.get_by_role("button", name="Save and check").click()
    expect(page.get_by_text("A thread of 2 posts, each a reply to the one before.")).to_be_visible()
    parts = page.get_by_role("group", name="Part 2 of 2 on Bluesky")
    expect(parts).to_contain_text("Part three.")
    expect(page.get_by_role("group", name="Part 1 of 2 on Bluesky")).to_contain_text(
        "Cabinet Office: a thread in three parts."
    )
    assert_accessible(page)
