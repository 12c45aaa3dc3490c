"""An author following their post: each decision with its step, and a post
sent back shows why first, leading to a change rather than to resubmitting
it as it was."""

import pytest
from django.urls import reverse

from approvals.models import Outcome
from approvals.posts import deciding, services
from tests.approvals.conftest import RISKY_TEXT


@pytest.fixture
def author(org, client):
    client.force_login(org.author)
    return client


def _decide(post, user, outcome, reason=""):
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=user,
        outcome=outcome,
        reason=reason,
    )
    post.refresh_from_db()
    return post


def _page(client, post) -> str:
    return client.get(reverse("approvals:post", args=[post.pk])).content.decode()


def test_the_history_names_the_step_of_each_approval(org, make_post, author):
    post = make_post(org.author, text=RISKY_TEXT)
    _decide(post, org.manager, Outcome.APPROVED)
    page = _page(author, post)
    assert "Approved by the line manager (version 1)" in page
    assert "Waiting for sign-off" in page and "with the department approver" in page
    _decide(post, org.press, Outcome.APPROVED)
    page = _page(author, post)
    assert "Approved by the department approver (version 1)" in page


def test_a_post_sent_back_shows_why_first_and_leads_to_changing_it(org, make_post, author):
    post = _decide(
        make_post(org.author), org.manager, Outcome.CHANGES_REQUESTED, "Name the guidance."
    )
    page = _page(author, post)
    banner = page.index("govuk-notification-banner__content")
    assert banner < page.index("Name the guidance.") < page.index('id="history"')
    assert "asked for changes" in page
    edit = reverse("approvals:post_edit", args=[post.pk])
    assert page.index(f'href="{edit}" role="button"') < page.index("Submit it again unchanged")
    assert ">Submit for sign-off</button>" not in page
    changing = author.get(edit).content.decode()
    assert "asked for changes:" in changing and "Name the guidance." in changing

    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel=post.channel,
        account=post.account,
        text=post.text + " The guidance is on GOV.UK.",
        link=post.link,
        publish_at=post.publish_at,
    )
    page = _page(author, post)
    assert ">Submit for sign-off</button>" in page
    assert "Submit it again unchanged" not in page


def test_a_rejected_post_says_so_with_the_reason_and_what_next(org, make_post, author):
    post = _decide(make_post(org.author), org.manager, Outcome.REJECTED, "Not for us to say.")
    page = _page(author, post)
    assert "rejected this post" in page
    assert page.index("Not for us to say.") < page.index('id="history"')
    assert "propose a new post" in page
