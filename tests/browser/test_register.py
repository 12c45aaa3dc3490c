"""The register as a records officer uses it: filtered, downloaded, and one
post's record opened and printed; each page checked by axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.authority import groups
from approvals.models import Authority, Outcome
from approvals.posts import deciding, services
from tests.browser.axe import assert_accessible
from tests.factories import StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records_officer(team):
    officer = UserFactory(username="records", first_name="Rosa", last_name="Records")
    StaffProfileFactory(user=officer, department=team.department, job_title="Records officer")
    groups.authority_group(team.department, Authority.VIEW_RECORDS).user_set.add(officer)
    for text, outcome in [
        ("Cabinet Office: our guidance on taking part online is live.", Outcome.APPROVED),
        ("Cabinet Office: a post that was not to be.", Outcome.REJECTED),
    ]:
        post = services.save_draft(
            author=team.author,
            channel="linkedin",
            account="Cabinet Office",
            text=text,
            link="",
            publish_at=timezone.now() + timedelta(days=2),
        )
        post = services.submit_post(post_id=post.pk, author=team.author)
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=team.manager,
            outcome=outcome,
            reason="" if outcome == Outcome.APPROVED else "Not ours to say.",
        )
    return officer


def test_a_records_officer_finds_downloads_and_prints_a_record(page, sign_in, records_officer):
    sign_in("records", next_path="/posts/")
    page.get_by_role("link", name="Records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register of official posts")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table).to_contain_text("approved by Morgan Manager (line manager)")
    assert_accessible(page)

    page.get_by_label("State").select_option("Rejected")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    with page.expect_download() as download:
        page.get_by_role("link", name="These posts as CSV").click()
    csv = download.value.path().read_text()
    assert "a post that was not to be" in csv and "taking part online" not in csv

    page.get_by_role("link", name="Cabinet Office: a post that was not to be.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record of post")
    expect(page.get_by_role("heading", name="Decisions")).to_be_visible()
    expect(page.get_by_text("Not ours to say.").first).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("button", name="Print this record")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this record")).to_be_hidden()
    expect(page.locator(".govuk-template__header")).to_be_hidden()
