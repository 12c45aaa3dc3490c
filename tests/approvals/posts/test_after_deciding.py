"""After a decision the approver is told where the post went next, by name,
and offered the next post waiting for them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from approvals.models import Outcome, Post
from approvals.posts.views.deciding import where_it_went
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db


def decide(client, user, post, outcome=Outcome.APPROVED, reason=""):
    client.force_login(user)
    response = client.post(
        reverse("approvals:decide", args=[post.pk]),
        {"version": post.current_version_id, "outcome": outcome, "reason": reason},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:decided", args=[post.pk])
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    return confirmation.content.decode()


def test_approved_at_the_first_step_it_names_the_department_approver(org, make_post, client):
    post = make_post(org.author, text=RISKY_TEXT)
    html = decide(client, org.manager, post)
    assert "Decision recorded" in html
    assert (
        "Approved. It now waits for a department approver in Cabinet Office: "
        f"{escape(org.press)}." in html
    )


def test_approved_at_the_last_step_it_can_go_out(org, make_post, client):
    html = decide(client, org.manager, make_post(org.author))
    assert f"Approved. It can go out; we have told {escape(org.author)}." in html


def test_changes_requested_tells_the_author(org, make_post, client):
    post = make_post(org.author)
    html = decide(client, org.manager, post, Outcome.CHANGES_REQUESTED, "Say who speaks.")
    assert f"Changes requested. We have told {escape(org.author)} what to change." in html


def test_it_offers_the_post_waiting_longest_then_says_nothing_else_waits(org, make_post, client):
    first = make_post(org.author, text="Cabinet Office: the first.")
    second = make_post(org.colleague, text="Cabinet Office: the second.")
    third = make_post(org.author, text="Cabinet Office: the third.")
    now = timezone.now()
    for minutes, post in [(30, first), (20, second), (10, third)]:
        Post.objects.filter(pk=post.pk).update(submitted_at=now - timedelta(minutes=minutes))

    html = decide(client, org.manager, second)
    assert "2 posts wait for your sign-off" in html
    assert f'href="{reverse("approvals:decide", args=[first.pk])}"' in html
    assert "Go to the next post waiting for you" in html
    assert "Cabinet Office: the first." in html

    decide(client, org.manager, first)
    html = decide(client, org.manager, third)
    assert "Nothing else waits for you" in html
    assert "Go to the next post" not in html
    assert f'href="{reverse("approvals:queue")}">Back to posts waiting for your sign-off' in html


def test_someone_who_has_not_decided_is_sent_to_the_post(org, make_post, client):
    post = make_post(org.author)
    decided = reverse("approvals:decided", args=[post.pk])
    client.force_login(org.deputy)
    assert client.get(decided)["Location"] == reverse("approvals:post", args=[post.pk])
    client.force_login(org.treasury_manager)
    assert client.get(decided).status_code == 404


def test_nobody_to_sign_it_off_is_said_plainly(org, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    post.stage = "department"
    assert "nobody can sign it off there at the moment" in where_it_went(post, [])
    assert where_it_went(post, [org.press, org.manager]) == (
        f"It now waits for a department approver in Cabinet Office: {org.press} or {org.manager}."
    )


def test_the_queue_as_left_is_followed_to_the_next_post_and_back(org, make_post, client):
    on_x = make_post(org.author, text="Cabinet Office: on X first.", channel="x")
    make_post(org.colleague, text="Cabinet Office: on LinkedIn, waiting longest.")
    last_on_x = make_post(org.author, text="Cabinet Office: on X second.", channel="x")
    now = timezone.now()
    for minutes, post in zip((30, 40, 10), Post.objects.order_by("pk"), strict=True):
        Post.objects.filter(pk=post.pk).update(submitted_at=now - timedelta(minutes=minutes))
    client.force_login(org.manager)
    queue = client.get(reverse("approvals:queue"), {"channel": "x"}).content.decode()
    decide_url = reverse("approvals:decide", args=[on_x.pk])
    assert f'href="{decide_url}?channel=x"' in queue

    page = client.get(decide_url, {"channel": "x"}).content.decode()
    assert f'href="{reverse("approvals:queue")}?channel=x" class="govuk-back-link"' in page
    assert f'action="{decide_url}?channel=x"' in page

    response = client.post(
        f"{decide_url}?channel=x",
        {"version": on_x.current_version_id, "outcome": Outcome.APPROVED, "reason": ""},
    )
    assert response["Location"] == reverse("approvals:decided", args=[on_x.pk]) + "?channel=x"
    html = client.get(response["Location"]).content.decode()
    # The next on X, not the LinkedIn post that has waited longest.
    next_url = reverse("approvals:decide", args=[last_on_x.pk])
    assert f'href="{next_url}?channel=x"' in html
    assert f'href="{reverse("approvals:queue")}?channel=x"' in html


def test_with_nothing_left_in_the_list_the_next_post_is_the_oldest_of_all(org, make_post, client):
    only_on_x = make_post(org.author, text="Cabinet Office: the only one on X.", channel="x")
    other = make_post(org.colleague, text="Cabinet Office: on LinkedIn.")
    client.force_login(org.manager)
    response = client.post(
        reverse("approvals:decide", args=[only_on_x.pk]) + "?channel=x",
        {"version": only_on_x.current_version_id, "outcome": Outcome.APPROVED, "reason": ""},
    )
    html = client.get(response["Location"]).content.decode()
    assert reverse("approvals:decide", args=[other.pk]) in html
