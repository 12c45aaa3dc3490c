"""Withdrawing authority or cover asks first, and warns when posts would be left
waiting for nobody."""

import pytest
from django.test import Client
from django.urls import reverse

from approvals import routing
from approvals.authority import groups
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Delegation,
    Outcome,
    Post,
    PostStatus,
    SignOffPolicy,
    Stage,
)
from approvals.posts import deciding
from approvals.routing import ahead
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db


def confirm_url(org, holder, authority=Authority.APPROVE_POSTS):
    url = reverse("approvals:department_withdraw", args=[org.cabinet_office.slug])
    return f"{url}?holder={holder.pk}&authority={authority.value}"


@pytest.fixture
def as_user():
    def _as(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _as


def words(response) -> str:
    return " ".join(response.content.decode().split())


def waiting_at_department(org, make_post, n: int):
    for _ in range(n):
        post = make_post(org.author, text=RISKY_TEXT)
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )


def test_withdrawing_the_only_approver_warns_of_the_posts_left_waiting(org, as_user, make_post):
    client = as_user(org.superuser)
    waiting_at_department(org, make_post, 3)

    response = client.get(confirm_url(org, org.press))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Withdraw approve posts from" in html
    assert "govuk-warning-text" in html
    assert (
        "3 posts waiting for sign-off in Cabinet Office would have nobody to sign them off: "
        "anyone else holding approve posts here wrote them or signed them off at the first "
        "step, and cannot sign twice. Grant approve posts to someone else first."
    ) in " ".join(html.split())
    # Asking changes nothing.
    assert (
        org.press
        in groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.all()
    )


def test_no_warning_while_someone_else_can_sign_them_off(org, as_user, make_post):
    groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.add(org.deputy)
    waiting_at_department(org, make_post, 2)
    html = as_user(org.superuser).get(confirm_url(org, org.press)).content.decode()
    assert "govuk-warning-text" not in html
    assert "would have nobody" not in html


def test_one_post_is_named_in_the_singular(org, as_user, make_post):
    waiting_at_department(org, make_post, 1)
    html = words(as_user(org.superuser).get(confirm_url(org, org.press)))
    assert "1 post waiting for sign-off in Cabinet Office would have nobody to sign it off:" in html


def test_confirming_withdraws_records_it_and_says_so(org, as_user):
    client = as_user(org.superuser)
    page = client.get(confirm_url(org, org.press)).content.decode()
    assert f'name="holder" value="{org.press.pk}"' in page
    assert f'href="{reverse("approvals:department", args=[org.cabinet_office.slug])}"' in page

    response = client.post(
        reverse("approvals:department_withdraw", args=[org.cabinet_office.slug]),
        {"holder": org.press.pk, "authority": "approve_posts"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse(
        "approvals:department", args=[org.cabinet_office.slug]
    )
    assert f"Authority withdrawn from {org.press}." in response.content.decode()
    assert not groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.filter(
        pk=org.press.pk
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.AUTHORITY_WITHDRAWN, subject=org.press, actor=org.superuser
    ).exists()


def test_the_department_page_links_to_the_question_not_a_button(org, as_user):
    html = as_user(org.superuser).get(
        reverse("approvals:department", args=[org.cabinet_office.slug])
    )
    assert confirm_url(org, org.press).replace("&", "&amp;") in html.content.decode()


def test_withdrawing_without_the_pages_csrf_token_fails(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.superuser)
    response = client.post(
        reverse("approvals:department_withdraw", args=[org.cabinet_office.slug]),
        {"holder": org.press.pk, "authority": "approve_posts"},
    )
    assert response.status_code == 403
    assert groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.filter(
        pk=org.press.pk
    )


@pytest.mark.parametrize("who", ["press", "treasury_manager", "author"])
def test_someone_not_managing_the_department_is_not_found(org, as_user, who):
    assert as_user(getattr(org, who)).get(confirm_url(org, org.press)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?holder=abc&authority=approve_posts",
        "?holder=99999999999999999999999&authority=approve_posts",
        "?holder={author}&authority=approve_posts",  # holds nothing
        "?holder={press}&authority=<script>alert(1)</script>",
        "?holder={press}&authority=" + "x" * 20000,
        "?holder={press}&authority=publish_without_approval",  # nobody holds it
    ],
)
def test_a_confirmation_of_nothing_is_not_found(org, as_user, query):
    url = reverse("approvals:department_withdraw", args=[org.cabinet_office.slug])
    query = query.format(author=org.author.pk, press=org.press.pk)
    assert as_user(org.superuser).get(url + query).status_code == 404


def test_an_admin_cannot_confirm_withdrawing_what_they_do_not_hold(org, as_user):
    """co-admin holds manage-delegations only: approve-posts is not theirs to withdraw."""
    assert as_user(org.co_admin).get(confirm_url(org, org.press)).status_code == 404


# Cover


def cover_of(org):
    return Delegation.objects.get(delegator=org.manager, deputy=org.deputy)


def test_withdrawing_cover_asks_first(org, as_user):
    delegation = cover_of(org)
    client = as_user(org.manager)
    cover_page = client.get(reverse("approvals:cover")).content.decode()
    url = reverse("approvals:cover_withdraw", args=[delegation.pk])
    assert f'href="{url}"' in cover_page

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"Withdraw cover by {org.deputy}?" in html
    assert f'href="{reverse("approvals:cover")}"' in html  # Cancel
    delegation.refresh_from_db()
    assert delegation.withdrawn_at is None

    response = client.post(url, follow=True)
    assert "Cover withdrawn." in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.withdrawn_at is not None
    assert client.get(url).status_code == 404  # nothing left to withdraw


@pytest.mark.parametrize(("who", "status"), [("co_admin", 200), ("deputy", 404), ("press", 404)])
def test_only_the_manager_or_an_admin_is_asked(org, as_user, who, status):
    url = reverse("approvals:cover_withdraw", args=[cover_of(org).pk])
    assert as_user(getattr(org, who)).get(url).status_code == status


def test_withdrawing_cover_without_the_pages_csrf_token_fails(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.manager)
    delegation = cover_of(org)
    response = client.post(reverse("approvals:cover_withdraw", args=[delegation.pk]))
    assert response.status_code == 403
    delegation.refresh_from_db()
    assert delegation.withdrawn_at is None


def test_policy_always_sends_clean_posts_to_the_department_too(org, as_user, make_post):
    """Posts at the department step count whatever sent them there."""
    org.cabinet_office.signoff_policy = SignOffPolicy.ALWAYS
    org.cabinet_office.save()
    post = make_post(org.author)
    deciding.decide(
        post_id=post.pk, version_id=post.current_version_id, user=org.manager, outcome="approved"
    )
    html = words(as_user(org.superuser).get(confirm_url(org, org.press)))
    assert "1 post waiting for sign-off in Cabinet Office" in html


def test_the_count_agrees_with_whom_each_post_waits_for(org, make_post):
    """The warning's count and ``approvers_of`` are the same rule asked two ways."""
    groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.add(org.deputy)
    waiting_at_department(org, make_post, 2)
    # The deputy's own post can only go to press.
    make_post(org.deputy, text=RISKY_TEXT)
    waiting = Post.objects.filter(status=PostStatus.SUBMITTED, stage=Stage.DEPARTMENT)
    for holder in (org.press, org.deputy):
        only_them = [post for post in waiting if routing.approvers_of(post) == [holder]]
        assert ahead.left_without_approver(org.cabinet_office.pk, holder.pk) == len(only_them)
    assert ahead.left_without_approver(org.cabinet_office.pk, org.press.pk) == 1


def test_withdrawing_the_last_approver_says_what_it_left_and_the_author_is_told(
    org, as_user, make_post
):
    waiting_at_department(org, make_post, 1)
    response = as_user(org.superuser).post(
        reverse("approvals:department_withdraw", args=[org.cabinet_office.slug]),
        {"holder": org.press.pk, "authority": "approve_posts"},
        follow=True,
    )
    page = words(response)
    assert (
        "1 post waiting in Cabinet Office now has nobody to sign it off: grant approve posts "
        "to someone who can."
    ) in page
    post = Post.objects.get(author=org.author, stage="department")
    author_page = words(as_user(org.author).get(reverse("approvals:post", args=[post.pk])))
    assert "Nobody can sign this post off at the moment" in author_page
