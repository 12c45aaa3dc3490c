"""Proposing a post as an author meets it: check the post with a way to
change each part, see who will sign it off before submitting, then a
confirmation that says who was told and when they are reminded; and then
follow it step by step."""

import pytest
from django.urls import reverse

from approvals.models import Outcome, SignOffPolicy
from approvals.posts import deciding
from approvals.reminders import policy as reminders_policy
from tests.approvals.conftest import RISKY_TEXT

BOTH_TICKED = {"read_principles": "on", "within_role": "on"}


@pytest.fixture
def author(org, client):
    client.force_login(org.author)
    return client


def _page(client, post) -> str:
    return client.get(reverse("approvals:post", args=[post.pk])).content.decode()


def test_a_draft_is_checked_with_a_change_link_on_each_part(org, make_post, author):
    draft = make_post(org.author, submit=False)
    page = _page(author, draft)
    assert "Check your post, then submit it</h1>" in page
    edit = reverse("approvals:post_edit", args=[draft.pk])
    assert page.count(f'href="{edit}">Change<span class="govuk-visually-hidden">') == 3


def test_before_submitting_the_author_sees_who_signs_it_off_in_how_many_steps(
    org, make_post, author
):
    clean = make_post(org.author, submit=False)
    page = _page(author, clean)
    assert "One step signs it off." in page
    assert "Your line manager</strong>:" in page
    assert f"{org.manager.get_full_name()}, Head of digital engagement" in page
    # Cover in force today: the deputy may sign it off too, and is said to cover.
    assert (
        f"Covering for them now, and able to sign it off instead: {org.deputy.get_full_name()}"
        in page
    )

    risky = make_post(org.author, text=RISKY_TEXT, submit=False)
    page = _page(author, risky)
    assert "two steps in turn" in page
    assert "because the checks found something" in page
    assert "An approver in Cabinet Office</strong> (step 2 of 2)" in page
    assert f"{org.press.get_full_name()}, Press officer" in page


def test_nobody_to_sign_off_is_said_before_submitting(org, make_post, author):
    org.cabinet_office.signoff_policy = SignOffPolicy.ALWAYS
    org.cabinet_office.save()
    org.press.is_active = False
    org.press.save()
    page = _page(author, make_post(org.author, submit=False))
    assert "Nobody in Cabinet Office holds the authority to sign off posts" in page


def test_submitting_confirms_who_was_told_and_when_they_are_reminded(org, make_post, author):
    draft = make_post(org.author, text=RISKY_TEXT, submit=False)
    response = author.post(reverse("approvals:post_submit", args=[draft.pk]), BOTH_TICKED)
    assert response["Location"] == reverse("approvals:post_submitted", args=[draft.pk])
    page = author.get(response["Location"]).content.decode()
    policy = reminders_policy.policy_for(org.cabinet_office.pk)
    assert "Post submitted for sign-off" in page
    assert f"your line manager, {org.manager.get_full_name()}" in page
    assert f"{org.deputy.get_full_name()} covers for them now" in page
    assert f"after {policy.first_after} working hours" in page
    assert "goes to an approver in Cabinet Office for a second sign-off" in page


def test_the_confirmation_is_the_authors_alone(org, make_post, client):
    post = make_post(org.author)
    url = reverse("approvals:post_submitted", args=[post.pk])
    client.force_login(org.manager)
    assert client.get(url)["Location"] == reverse("approvals:post", args=[post.pk])
    client.force_login(org.treasury_author)
    assert client.get(url).status_code == 404


def test_the_author_follows_each_step(org, make_post, author):
    post = make_post(org.author, text=RISKY_TEXT)
    page = _page(author, post)
    assert "Step 1 of 2: line manager" in page and "Waiting</strong> since" in page
    assert "To come</strong> after step 1" in page
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    page = _page(author, post)
    assert f"Approved</strong> by {org.manager}" in page
    assert "Step 2 of 2: Cabinet Office" in page
