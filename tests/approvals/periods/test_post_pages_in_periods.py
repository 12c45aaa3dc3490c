"""A post in a sensitive period, from its pages: the banner for those a
period covers, submitting as essential, a held post and releasing it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority, Outcome, PostStatus, Stage
from approvals.periods import services as period_services
from approvals.posts import deciding
from guidance.seeding import seed_guidance
from guidance.selectors import current_version
from guidance.services import acknowledge

pytestmark = pytest.mark.django_db

BOTH_TICKED = {"read_principles": "on", "within_role": "on"}
BANNER = "official posts have stopped"


def test_the_banner_is_shown_to_those_a_period_covers_now(org, as_user, declare):
    declare(starts_in=timedelta(hours=-1), departments=[org.cabinet_office])
    page = as_user(org.author).get(reverse("approvals:posts")).content.decode()
    assert BANNER in page
    assert "General election 2029" in page
    assert "Say nothing new about policy." in page
    page = as_user(org.treasury_author).get(reverse("approvals:posts")).content.decode()
    assert BANNER not in page


def test_no_banner_before_a_period_starts(org, as_user, declare):
    declare(starts_in=timedelta(days=1))
    assert BANNER not in as_user(org.author).get(reverse("approvals:posts")).content.decode()


def test_the_banner_costs_no_query_once_warm(org, as_user, declare):
    client = as_user(org.author)
    url = reverse("approvals:posts")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    declare(starts_in=timedelta(hours=-1), lasts=None)
    client.get(url)
    with CaptureQueriesContext(connection) as during:
        page = client.get(url).content.decode()
    assert BANNER in page
    assert "until further notice" in page
    assert len(during.captured_queries) == len(before.captured_queries)


@pytest.fixture
def draft_in_period(org, make_post, declare):
    acknowledge(user=org.author, version=current_version())
    declare(starts_in=timedelta(days=1))
    return make_post(org.author, submit=False, publish_at=timezone.now() + timedelta(days=2))


def test_a_post_due_in_a_period_asks_why_it_is_essential(
    org, as_user, draft_in_period, sensitive_approver
):
    page = as_user(org.author).get(reverse("approvals:post", args=[draft_in_period.pk]))
    text = page.content.decode()
    assert "Why must this post go out during the period?" in text
    assert "Say nothing new about policy." in text
    assert "An approver for sensitive periods in Cabinet Office" in text
    assert str(sensitive_approver) in text


def test_submitting_without_a_reason_is_refused_on_the_page(org, as_user, draft_in_period):
    url = reverse("approvals:post_submit", args=[draft_in_period.pk])
    response = as_user(org.author).post(url, BOTH_TICKED)
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert 'name="essential_reason"' in text
    draft_in_period.refresh_from_db()
    assert draft_in_period.status == PostStatus.DRAFT


def test_submitting_as_essential_from_the_page(org, as_user, draft_in_period, sensitive_approver):
    url = reverse("approvals:post_submit", args=[draft_in_period.pk])
    response = as_user(org.author).post(
        url, {**BOTH_TICKED, "essential_reason": "It tells people where to vote safely."}
    )
    assert response.status_code == 302
    post = draft_in_period
    post.refresh_from_db()
    assert post.status == PostStatus.SUBMITTED
    assert post.essential
    decide = as_user(org.manager).get(reverse("approvals:decide", args=[post.pk]))
    assert "Essential: It tells people where to vote safely." in decide.content.decode()


def test_pre_authorising_is_not_offered_in_a_period(org, as_user, draft_in_period):
    groups.authority_group(org.cabinet_office, Authority.PUBLISH_WITHOUT_APPROVAL).user_set.add(
        org.author
    )
    page = as_user(org.author).get(reverse("approvals:post", args=[draft_in_period.pk]))
    assert 'name="pre_authorise"' not in page.content.decode()


def test_a_period_declared_while_the_author_reads_asks_for_a_reason(
    org, as_user, make_post, declare
):
    acknowledge(user=org.author, version=current_version())
    draft = make_post(org.author, submit=False, publish_at=timezone.now() + timedelta(days=2))
    client = as_user(org.author)
    page = client.get(reverse("approvals:post", args=[draft.pk])).content.decode()
    assert "essential_reason" not in page
    declare(starts_in=timedelta(days=1))
    response = client.post(reverse("approvals:post_submit", args=[draft.pk]), BOTH_TICKED)
    assert response.status_code == 400
    assert 'name="essential_reason"' in response.content.decode()


@pytest.fixture
def held_post(org, make_post, declare):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(days=2))
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    declare(starts_in=timedelta(days=1))
    post.refresh_from_db()
    assert post.status == PostStatus.HELD
    return post


def test_a_held_post_says_so_to_its_author(org, as_user, held_post):
    text = as_user(org.author).get(reverse("approvals:post", args=[held_post.pk])).content.decode()
    assert "This post is held" in text
    assert "General election 2029" in text
    assert "change the time it goes out to after the period" in text
    assert "govuk-tag--purple" in text
    assert "Release as essential" not in text


def test_releasing_a_held_post_from_its_page(org, as_user, held_post, sensitive_approver):
    client = as_user(sensitive_approver)
    page = client.get(reverse("approvals:post", args=[held_post.pk])).content.decode()
    assert "Release as essential" in page
    url = reverse("approvals:post_release", args=[held_post.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Say why it is essential that this post goes out" in refused.content.decode()
    response = client.post(url, {"reason": "Polling stations have moved."})
    assert response.status_code == 302
    held_post.refresh_from_db()
    assert held_post.status == PostStatus.APPROVED
    assert held_post.essential_reason == "Polling stations have moved."


@pytest.mark.parametrize("who", ["author", "colleague", "press", "treasury_manager"])
def test_others_may_not_release(org, as_user, held_post, who):
    url = reverse("approvals:post_release", args=[held_post.pk])
    client = as_user(getattr(org, who))
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Because."}).status_code == 404
    held_post.refresh_from_db()
    assert held_post.status == PostStatus.HELD


def test_a_post_released_while_waiting_takes_the_sensitive_step(
    org, as_user, make_post, declare, sensitive_approver
):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(days=2))
    declare(starts_in=timedelta(days=1))
    period_services.release(post_id=post.pk, by=sensitive_approver, reason="Safety.")
    post.refresh_from_db()
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    post.refresh_from_db()
    assert post.stage == Stage.SENSITIVE
    text = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Cabinet Office, for the sensitive period" in text


def test_an_author_finds_their_held_posts(org, as_user, held_post):
    client = as_user(org.author)
    listed = client.get(reverse("approvals:posts"), {"status": "held"}).content.decode()
    assert reverse("approvals:post", args=[held_post.pk]) in listed
    assert "Held for a sensitive period" in listed
    seed_guidance()
    home = client.get("/").content.decode()
    assert "1 of your posts is held for a sensitive period" in home
