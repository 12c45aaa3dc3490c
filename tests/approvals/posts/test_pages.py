"""The approvals pages as each person sees them: what they may reach, what they
may not (a 404 that shows nothing), and bad input answered on the same page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Decision, Delegation, Outcome, Post, PostStatus
from approvals.posts import deciding, services
from approvals.reminders import policy as reminders_policy
from tests.approvals.conftest import CLEAN_TEXT, RISKY_TEXT
from tests.responses import alike

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_post(org, make_post):
    return make_post(org.author, text="Cabinet Office: a post only its routes may read.")


SECRET = "a post only its routes may read"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("author", 200),
        ("manager", 200),
        ("deputy", 200),
        ("press", 200),
        ("colleague", 404),
        ("co_admin", 404),
        ("treasury_manager", 404),
        ("superuser", 404),
    ],
)
def test_who_may_see_a_waiting_post(org, waiting_post, as_user, who, status):
    response = as_user(getattr(org, who)).get(reverse("approvals:post", args=[waiting_post.pk]))
    assert response.status_code == status
    assert (SECRET in response.content.decode()) is (status == 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [("manager", 200), ("deputy", 200), ("press", 302), ("author", 302), ("colleague", 404)],
)
def test_who_may_open_the_decision_page(org, waiting_post, as_user, who, status):
    response = as_user(getattr(org, who)).get(reverse("approvals:decide", args=[waiting_post.pk]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == reverse("approvals:post", args=[waiting_post.pk])


@pytest.mark.parametrize("who", ["author", "press", "colleague", "treasury_manager"])
def test_a_decision_from_someone_without_a_route_records_nothing(org, waiting_post, as_user, who):
    response = as_user(getattr(org, who)).post(
        reverse("approvals:decide", args=[waiting_post.pk]),
        {"outcome": "approved", "version": waiting_post.current_version_id},
    )
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "url_name", ["approvals:post_edit", "approvals:post_withdraw", "approvals:post_publication"]
)
def test_only_the_author_reaches_the_authors_actions(org, waiting_post, as_user, url_name):
    response = as_user(org.manager).get(reverse(url_name, args=[waiting_post.pk]))
    assert response.status_code == 404


def test_a_missing_post_and_a_forbidden_post_look_the_same(org, waiting_post, as_user):
    client = as_user(org.colleague)
    forbidden = client.get(reverse("approvals:post", args=[waiting_post.pk]))
    missing = client.get(reverse("approvals:post", args=[waiting_post.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404
    assert alike(forbidden.content, missing.content)
    assert b"Page not found" in forbidden.content


def test_the_authors_list_shows_only_their_posts(org, make_post, as_user):
    make_post(org.author, text="Cabinet Office: mine.")
    make_post(org.colleague, text="Cabinet Office: my colleague's.")
    html = as_user(org.author).get(reverse("approvals:posts")).content.decode()
    assert "Cabinet Office: mine." in html
    assert "my colleague" not in html


def test_the_list_filters_by_status_and_ignores_nonsense(org, make_post, as_user):
    make_post(org.author, text="Cabinet Office: a draft.", submit=False)
    make_post(org.author, text="Cabinet Office: submitted.")
    client = as_user(org.author)
    html = client.get(reverse("approvals:posts"), {"status": "draft"}).content.decode()
    assert "a draft." in html and "submitted." not in html
    html = client.get(reverse("approvals:posts"), {"status": "<script>"}).content.decode()
    assert "a draft." in html and "submitted." in html
    assert "<script>" not in html


def test_the_queue_lists_what_waits_for_me_oldest_first(org, make_post, as_user):
    first = make_post(org.author, text="Cabinet Office: first.")
    make_post(org.colleague, text="Cabinet Office: second.")
    Post.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(hours=3))
    html = as_user(org.manager).get(reverse("approvals:queue")).content.decode()
    assert html.index("Cabinet Office: first.") < html.index("Cabinet Office: second.")
    assert (
        "Nothing is waiting"
        in as_user(org.colleague).get(reverse("approvals:queue")).content.decode()
    )


def test_a_new_post_with_bad_input_keeps_what_was_typed(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:post_create"),
        {
            "channel": "x",
            "account": "@cabinetofficeuk",
            "text": "My carefully written draft",
            "link": "not a link",
            "publish_date_0": "31",
            "publish_date_1": "2",
            "publish_date_2": "2030",
            "publish_time": "25:99",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "My carefully written draft" in html
    assert "Enter a full web address" in html
    assert "Date it should go out must be a real date" in html
    assert "day is out of range" not in html
    assert "Enter a real time, like 9:30am" in html
    assert not Post.objects.exists()


def test_a_post_in_the_past_is_refused_with_a_message(org, as_user):
    past = timezone.localdate() - timedelta(days=1)
    response = as_user(org.author).post(
        reverse("approvals:post_create"),
        {
            "channel": "x",
            "account": "@cabinetofficeuk",
            "text": "Too late",
            "publish_date_0": past.day,
            "publish_date_1": past.month,
            "publish_date_2": past.year,
            "publish_time": "09:00",
        },
    )
    assert "must be in the future" in response.content.decode()
    assert not Post.objects.exists()


def test_saving_a_draft_shows_the_checks_before_submission(org, as_user):
    when = timezone.localdate() + timedelta(days=3)
    client = as_user(org.author)
    response = client.post(
        reverse("approvals:post_create"),
        {
            "channel": "x",
            "account": "@someone",
            "text": RISKY_TEXT.replace("Cabinet Office: ", ""),
            "publish_date_0": when.day,
            "publish_date_1": when.month,
            "publish_date_2": when.year,
            "publish_time": "09:30",
        },
        follow=True,
    )
    html = response.content.decode()
    post = Post.objects.get()
    assert post.status == PostStatus.DRAFT
    assert "Checks against the principles" in html
    assert "never give out personal details" in html
    assert "make no commitments on behalf of Government" in html
    assert "disclose your position" in html


def test_a_decision_needs_a_reason_to_reject_and_keeps_the_choice(org, waiting_post, as_user):
    response = as_user(org.manager).post(
        reverse("approvals:decide", args=[waiting_post.pk]),
        {"outcome": "rejected", "reason": "", "version": waiting_post.current_version_id},
    )
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_second_approver_is_told_the_post_was_already_decided(org, waiting_post, as_user):
    url = reverse("approvals:decide", args=[waiting_post.pk])
    data = {"outcome": "approved", "version": waiting_post.current_version_id}
    assert as_user(org.manager).post(url, data).status_code == 302
    response = as_user(org.deputy).post(url, data)
    assert response.status_code == 409
    assert "Morgan" in response.content.decode() or str(org.manager) in response.content.decode()
    assert "has already decided this post" in response.content.decode()
    assert Decision.objects.count() == 1


def test_a_forged_version_records_nothing(org, waiting_post, make_post, as_user):
    other = make_post(org.colleague, text=CLEAN_TEXT)
    response = as_user(org.manager).post(
        reverse("approvals:decide", args=[waiting_post.pk]),
        {"outcome": "approved", "version": other.current_version_id},
    )
    assert response.status_code == 409
    assert not Decision.objects.exists()


def test_approvers_see_what_changed_since_the_version_they_last_saw(org, waiting_post, as_user):
    client = as_user(org.manager)
    client.get(reverse("approvals:decide", args=[waiting_post.pk]))
    deciding.decide(
        post_id=waiting_post.pk,
        version_id=waiting_post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Shorter please.",
    )
    services.save_draft(
        author=org.author,
        post_id=waiting_post.pk,
        channel="linkedin",
        account="Cabinet Office",
        text="Cabinet Office: a shorter post.",
        link="",
        publish_at=waiting_post.publish_at,
    )
    services.submit_post(post_id=waiting_post.pk, author=org.author)
    html = client.get(reverse("approvals:decide", args=[waiting_post.pk])).content.decode()
    assert "What changed since you last saw it (version 1)" in html
    assert "[added: </span>shorter" in html
    assert "[removed: </span>only" in html


def test_a_manager_arranges_cover_and_bad_dates_are_explained(org, as_user):
    client = as_user(org.manager)
    today = timezone.localdate()
    response = client.post(
        reverse("approvals:cover"),
        {
            "deputy": "press",
            "starts_on_0": today.day,
            "starts_on_1": today.month,
            "starts_on_2": today.year,
            "ends_on_0": "1",
            "ends_on_1": "1",
            "ends_on_2": "2020",
            "reason": "Leave",
        },
    )
    assert response.status_code == 400
    assert "end date must be the same as or after" in response.content.decode()
    ends = today + timedelta(days=5)
    response = client.post(
        reverse("approvals:cover"),
        {
            "deputy": "press",
            "starts_on_0": today.day,
            "starts_on_1": today.month,
            "starts_on_2": today.year,
            "ends_on_0": ends.day,
            "ends_on_1": ends.month,
            "ends_on_2": ends.year,
            "reason": "Leave",
        },
    )
    assert response.status_code == 302
    assert Delegation.objects.filter(deputy=org.press).exists()


def test_someone_who_manages_nobody_cannot_arrange_cover(org, as_user):
    client = as_user(org.colleague)
    assert "Arrange cover" not in client.get(reverse("approvals:cover")).content.decode()
    assert client.post(reverse("approvals:cover"), {"deputy": "press"}).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("co_admin", 200), ("superuser", 200), ("press", 404)])
def test_who_manages_authority_in_a_department(org, as_user, who, status):
    response = as_user(getattr(org, who)).get(
        reverse("approvals:department", args=[org.cabinet_office.slug])
    )
    assert response.status_code == status


def test_a_department_admin_cannot_grant_what_they_do_not_hold(org, as_user):
    client = as_user(org.co_admin)
    url = reverse("approvals:department_grant", args=[org.cabinet_office.slug])
    response = client.post(url, {"grantee": "colleague", "authority": "approve_posts"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {"grantee": "colleague", "authority": "manage_delegations"})
    assert response.status_code == 302


def test_a_department_admin_sets_the_reminders_and_bad_values_are_explained(org, as_user):
    client = as_user(org.co_admin)
    url = reverse("approvals:department_reminders", args=[org.cabinet_office.slug])
    fields = {"first_after": "8", "repeat_every": "8", "urgent_within": "6"}
    response = client.post(url, {**fields, "escalate_after": "abc"})
    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()
    assert client.post(url, {**fields, "escalate_after": "24"}).status_code == 302
    policy = reminders_policy.policy_for(org.cabinet_office.pk)
    assert (policy.first_after, policy.escalate_after) == (8, 24)
    assert as_user(org.press).post(url, {**fields, "escalate_after": "24"}).status_code == 404


def test_an_expired_post_goes_back_to_its_author_for_a_new_time(org, waiting_post, as_user):
    Post.objects.filter(pk=waiting_post.pk).update(status=PostStatus.EXPIRED)
    url = reverse("approvals:post", args=[waiting_post.pk])
    assert "Ask the author to set a new time" in as_user(org.manager).get(url).content.decode()
    assert (
        as_user(org.colleague)
        .post(reverse("approvals:post_reopen", args=[waiting_post.pk]))
        .status_code
        == 404
    )
    response = as_user(org.manager).post(reverse("approvals:post_reopen", args=[waiting_post.pk]))
    assert response.status_code == 302
    waiting_post.refresh_from_db()
    assert waiting_post.status == PostStatus.CHANGES_REQUESTED


def test_a_draft_is_the_authors_alone_until_submitted(org, make_post, as_user):
    draft = make_post(org.author, text="Cabinet Office: still thinking.", submit=False)
    url = reverse("approvals:post", args=[draft.pk])
    assert as_user(org.author).get(url).status_code == 200
    for who in ("manager", "deputy", "press"):
        response = as_user(getattr(org, who)).get(url)
        assert response.status_code == 404
        assert "still thinking" not in response.content.decode()


def test_a_publication_at_an_unsafe_address_is_refused_on_the_page(org, make_post, as_user):
    """The form takes any web address; the service takes only https. Its refusal
    is said on the form, with what was typed kept, not as an error page."""
    post = make_post(org.author)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    response = as_user(org.author).post(
        reverse("approvals:post_publication", args=[post.pk]), {"url": "http://x.com/1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "starting https://" in html
    assert 'value="http://x.com/1"' in html
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED
    assert post.published_url == ""
