"""An author's list of posts is kept in the cache, and shows every change to
one of their posts at once: a decision, an expiry, a new draft."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Outcome
from approvals.posts import deciding, expiry

pytestmark = pytest.mark.django_db


def listed(client) -> str:
    return client.get(reverse("approvals:posts")).content.decode()


def tagged(status: str) -> str:
    """A status as the list's tag shows it (the filter lists every status too)."""
    return f">{status}</strong>"


def test_a_decision_shows_in_the_kept_list_at_once(
    org, make_post, client, django_capture_on_commit_callbacks
):
    post = make_post(org.author)
    client.force_login(org.author)
    assert tagged("Waiting for sign-off") in listed(client)
    with django_capture_on_commit_callbacks(execute=True):
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.REJECTED,
            reason="Not now.",
        )
    page = listed(client)
    assert tagged("Rejected") in page
    assert tagged("Waiting for sign-off") not in page


def test_an_expiry_shows_in_the_kept_list_at_once(
    org, make_post, client, django_capture_on_commit_callbacks
):
    make_post(org.author, publish_at=timezone.now() + timedelta(hours=1))
    client.force_login(org.author)
    assert tagged("Waiting for sign-off") in listed(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry.expire_overdue(now=timezone.now() + timedelta(hours=2)) == 1
    assert tagged("Expired") in listed(client)


def test_a_new_draft_is_listed_and_nobody_else_sees_it(org, make_post, client):
    client.force_login(org.author)
    assert "You have not proposed any posts yet." in listed(client)
    make_post(org.author, text="A draft about the consultation.", submit=False)
    assert "A draft about the consultation." in listed(client)
    client.force_login(org.colleague)
    assert "A draft about the consultation." not in listed(client)
