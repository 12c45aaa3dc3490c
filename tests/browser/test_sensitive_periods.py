"""Sensitive periods in the browser: an administrator declares a pre-election
period through the form and an approved post is held; an author submits a
post due in it as essential; the holder of the authority to approve in
sensitive periods releases the held post. Every new page is checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals.authority import groups
from approvals.models import Authority, Outcome, PostStatus
from approvals.posts import deciding, services
from guidance import selectors as guidance_selectors
from guidance import services as guidance_services
from guidance.seeding import seed_guidance
from tests.browser.axe import assert_accessible
from tests.factories import StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _post(author, **kwargs):
    return services.save_draft(
        author=author,
        channel="linkedin",
        account="Cabinet Office",
        text=kwargs.get("text", "Cabinet Office: our guidance is out."),
        link="",
        publish_at=timezone.now() + timedelta(days=2),
    )


@pytest.fixture
def world(team):
    seed_guidance()
    version = guidance_selectors.acknowledgement_status(team.author).current_version
    guidance_services.acknowledge(user=team.author, version=version)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    StaffProfileFactory(user=admin, department=team.department, job_title="Administrator")
    director = UserFactory(username="director", first_name="Dana", last_name="Director")
    StaffProfileFactory(user=director, department=team.department, job_title="Director")
    groups.authority_group(team.department, Authority.APPROVE_IN_SENSITIVE_PERIODS).user_set.add(
        director
    )
    approved = services.submit_post(post_id=_post(team.author).pk, author=team.author)
    deciding.decide(
        post_id=approved.pk,
        version_id=approved.current_version_id,
        user=team.manager,
        outcome=Outcome.APPROVED,
    )
    draft = _post(team.author, text="Cabinet Office: where to find your polling station.")
    return {"approved": approved, "draft": draft}


def _fill_date(page, name, when):
    page.locator(f'[name="{name}_0"]').fill(str(when.day))
    page.locator(f'[name="{name}_1"]').fill(str(when.month))
    page.locator(f'[name="{name}_2"]').fill(str(when.year))


def _sign_in_as(page, sign_in, username, next_path):
    page.context.clear_cookies()
    sign_in(username, next_path=next_path)


def test_declare_hold_submit_as_essential_and_release(page, live_server, sign_in, world):
    approved, draft = world["approved"], world["draft"]
    start = timezone.localtime(timezone.now() + timedelta(days=1))
    end = start + timedelta(days=3)

    # An administrator declares the period through the form.
    sign_in("admin", next_path="/periods/")
    expect(page.get_by_role("heading", name="Sensitive periods", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Declare a sensitive period").click()
    page.get_by_role("button", name="Declare the period").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name").fill("General election 2029")
    page.get_by_label("Pre-election period").check()
    _fill_date(page, "starts_date", start)
    page.get_by_label("Time it starts").fill("9am")
    _fill_date(page, "ends_date", end)
    page.get_by_label("Time it ends (optional)").fill("10pm")
    page.get_by_label("All departments").check()
    page.get_by_label("Guidance for authors (optional)").fill("Say nothing new about policy.")
    page.get_by_role("button", name="Declare the period").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 post held.")
    expect(page.get_by_role("heading", name="General election 2029")).to_be_visible()
    assert_accessible(page)
    approved.refresh_from_db()
    assert approved.status == PostStatus.HELD

    page.get_by_role("button", name="End this period now").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    assert_accessible(page)
    page.goto(f"{live_server.url}/periods/stop/")
    expect(page.get_by_text("This stops official posting at once")).to_be_visible()
    assert_accessible(page)

    # The author submits a post due in the period as essential.
    _sign_in_as(page, sign_in, "author", f"/posts/{draft.pk}/")
    expect(page.get_by_text("when only essential posts go out")).to_be_visible()
    expect(page.get_by_text("An approver for sensitive periods in Cabinet Office")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why must this post go out during the period?").fill(
        "It tells people where their polling station is."
    )
    page.get_by_label("I have read the principles").check()
    page.get_by_label("This post is within my role").check()
    page.get_by_role("button", name="Submit for sign-off").click()
    page.wait_for_url(f"**/posts/{draft.pk}/submitted/")
    draft.refresh_from_db()
    assert draft.status == PostStatus.SUBMITTED
    assert draft.essential

    # The held post, as its author sees it.
    page.goto(f"{live_server.url}/posts/{approved.pk}/")
    expect(page.get_by_text("This post is held")).to_be_visible()
    assert_accessible(page)

    # The director, who holds the authority, releases it.
    _sign_in_as(page, sign_in, "director", f"/posts/{approved.pk}/")
    page.get_by_role("button", name="Release as essential").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why it is essential")
    assert_accessible(page)
    page.get_by_label("Why is it essential that this post goes out?").fill(
        "The polling station list has changed."
    )
    page.get_by_role("button", name="Release as essential").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Released as essential"
    )
    approved.refresh_from_db()
    assert approved.status == PostStatus.APPROVED
    assert approved.essential_reason == "The polling station list has changed."
