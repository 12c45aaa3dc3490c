"""One post's whole record, on one printable page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Outcome
from approvals.posts import services
from tests.approvals.records.conftest import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_back_then_published(org, make_post):
    post = make_post(org.author, text="Cabinet Office: our first try at the news.")
    post = decide(post, org.manager, Outcome.CHANGES_REQUESTED, "Say which team is speaking.")
    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel="linkedin",
        account="Cabinet Office",
        text="Cabinet Office digital team: our second try at the news.",
        link="",
        publish_at=timezone.now() + timedelta(days=2),
    )
    services.submit_post(post_id=post.pk, author=org.author)
    post.refresh_from_db()
    post = decide(post, org.deputy)
    services.record_publication(
        post_id=post.pk, author=org.author, url="https://www.linkedin.com/posts/42"
    )
    return post


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_record_holds_everything(org, sent_back_then_published, as_user):
    post = sent_back_then_published
    response = as_user(org.author).get(reverse("approvals:record", args=[post.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(html)
    # Every version, and what changed between them.
    assert "Version 1, submitted" in page and "Version 2, submitted" in page
    assert "our first try at the news." in page and "our second try at the news." in page
    assert "What changed from version 1" in page
    assert re.search(r"<del class=\"portal-diff__removed\">.*?first", html)
    assert re.search(r"<ins class=\"portal-diff__added\">.*?second", html)
    # Every decision, with its step and authority.
    assert "Changes requested" in page and "Say which team is speaking." in page
    assert f"{org.manager.get_full_name()}, line manager" in page
    assert f"{org.deputy.get_full_name()}, covering deputy" in page
    # The audit trail and the live link.
    for action in (
        "Submitted for sign-off",
        "Changes requested",
        "Approved",
        "Publication recorded",
    ):
        assert action in page
    assert "https://www.linkedin.com/posts/42" in page
    # Every e-mail sent about it: to the approvers, and to the author of each decision.
    assert f"To {org.author.email}" in page and f"To {org.manager.email}" in page
    assert "Your proposed post: changes requested" in page
    # A place for comments (issue 18), and the print style.
    assert 'id="comments"' in html and "No comments." in page
    assert 'href="/static/css/print.css" media="print"' in html


def test_emails_about_other_posts_are_not_in_it(org, sent_back_then_published, make_post, as_user):
    other = make_post(org.colleague, text="Cabinet Office: another post.")
    decide(other, org.manager, Outcome.REJECTED, "Another reason entirely.")
    page = (
        as_user(org.author)
        .get(reverse("approvals:record", args=[sent_back_then_published.pk]))
        .content.decode()
    )
    assert "Another reason entirely." not in page and org.colleague.email not in page


def test_a_draft_never_submitted_has_no_record(org, make_post, as_user):
    draft = make_post(org.author, submit=False)
    assert as_user(org.author).get(reverse("approvals:record", args=[draft.pk])).status_code == 404
