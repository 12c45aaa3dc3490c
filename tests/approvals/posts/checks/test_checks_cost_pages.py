"""Showing a post never checks it again, and the form refuses a text longer than the
checks are sized for (the checks' own cost: test_checks_cost)."""

import time
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from approvals.models import Post, PostVersion
from approvals.posts.channels import TEXT_MAX
from tests.approvals.conftest import RISKY_TEXT
from tests.approvals.posts.checks.test_checks_cost import BOUND, numbered


@pytest.fixture
def author_client(client, org):
    client.force_login(org.author)
    return client


def draft_form(text: str) -> dict:
    when = timezone.localdate() + timedelta(days=3)
    return {
        "channel": "linkedin",
        "account": "Cabinet Office",
        "text": text,
        "publish_date_0": when.day,
        "publish_date_1": when.month,
        "publish_date_2": when.year,
        "publish_time": "09:30",
    }


KEPT = {
    "code": "phone-number",
    "principle": "Civil Service Code: never give out personal details",
    "message": "A finding kept in the database when the draft was saved.",
    "excerpt": "",
}


@pytest.mark.django_db
def test_a_draft_page_shows_the_findings_kept_when_it_was_saved_not_checked_again(
    org, author_client
):
    response = author_client.post(reverse("approvals:post_create"), draft_form(RISKY_TEXT))
    post = Post.objects.get()
    assert {finding["code"] for finding in post.findings} >= {"phone-number", "commitment"}
    Post.objects.filter(pk=post.pk).update(findings=[KEPT])

    html = author_client.get(reverse("approvals:post", args=[post.pk])).content.decode()

    assert KEPT["message"] in html
    assert "looks like a phone number" not in html
    assert response.status_code == 302


@pytest.mark.django_db
def test_changing_a_draft_checks_the_new_text(org, author_client, make_post):
    post = make_post(org.author, text=RISKY_TEXT, submit=False)
    author_client.post(
        reverse("approvals:post_edit", args=[post.pk]),
        draft_form("Cabinet Office: our guidance is published today."),
    )
    post.refresh_from_db()
    assert post.findings == []
    html = author_client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "The checks found nothing" in html


@pytest.mark.django_db
def test_the_decision_page_shows_the_findings_kept_with_the_version(org, client, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    PostVersion.objects.filter(pk=post.current_version_id).update(findings=[KEPT])
    client.force_login(org.manager)

    html = client.get(reverse("approvals:decide", args=[post.pk])).content.decode()

    assert KEPT["message"] in html
    assert "looks like a phone number" not in html


@pytest.mark.django_db
def test_a_draft_of_the_longest_text_of_phone_numbers_shows_in_a_moment(org, author_client):
    text = numbered("Ring 020 7946 {:04d} ")
    response = author_client.post(reverse("approvals:post_create"), draft_form(text))
    assert response.status_code == 302
    url = reverse("approvals:post", args=[Post.objects.get().pk])
    author_client.get(url)  # the first view of any page fills the per-process caches
    started = time.perf_counter()
    page = author_client.get(url)
    assert time.perf_counter() - started < BOUND
    assert "looks like a phone number (020 7946 0000)" in page.content.decode()


@pytest.mark.django_db
def test_a_text_one_character_too_long_is_refused_on_the_form(org, author_client):
    response = author_client.post(
        reverse("approvals:post_create"), draft_form("a" * (TEXT_MAX + 1))
    )
    assert response.status_code == 200
    assert "The text must be 70,000 characters or fewer" in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_text_longer_than_the_checks_are_sized_for(org, make_post):
    post = make_post(org.author)
    for model, pk in ((Post, post.pk), (PostVersion, post.current_version_id)):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(text="a" * (TEXT_MAX + 1))
