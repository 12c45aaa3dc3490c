"""Hostile input to commenting (see ``hostile``): markup and control characters in
the comment, the passage and the colleagues to tell, and hidden fields forged to
name another post's version or comment. Nothing is stored that should not be,
nothing errs, and whatever is shown back is escaped."""

import pytest
from django.urls import reverse
from hypothesis import given

from approvals.comments import services
from approvals.models import Comment
from tests.security.hostile import (
    SCRIPT,
    as_user,
    assert_escaped,
    hostile,
    hostile_text,
    numbers,
    undone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(org, make_post):
    ours = make_post(org.author, text=f"Cabinet Office: {SCRIPT} is shown as text.")
    theirs = make_post(org.treasury_author, text="HM Treasury: a post of another department.")
    theirs_comment = services.add_comment(
        post_id=theirs.pk,
        user=org.treasury_manager,
        version_id=theirs.current_version_id,
        text="A Treasury remark",
    )
    return ours, theirs, theirs_comment


@hostile
@given(text=hostile_text, quote=hostile_text, tell=hostile_text)
def test_hostile_text_is_refused_or_stored_and_shown_as_text(org, posts, text, quote, tell):
    ours, _, _ = posts
    with undone():
        client = as_user(org.manager)
        response = client.post(
            reverse("approvals:post_comments", args=[ours.pk]),
            {"text": text, "quote": quote, "also_tell": tell, "version": ours.current_version_id},
        )
        assert_escaped(response)
        assert_escaped(client.get(reverse("approvals:post", args=[ours.pk])))
        assert_escaped(client.get(reverse("approvals:post_comments", args=[ours.pk])))


@hostile
@given(version=numbers, reply_to=numbers)
def test_forged_versions_and_threads_never_reach_another_post(org, posts, version, reply_to):
    ours, theirs, _theirs_comment = posts
    with undone():
        response = as_user(org.manager).post(
            reverse("approvals:post_comments", args=[ours.pk]),
            {"text": "Forged", "version": version, "reply_to": reply_to},
        )
        assert response.status_code in {302, 400, 404}
        assert not Comment.objects.filter(post=theirs, text="Forged").exists()
        assert not Comment.objects.filter(text="Forged", version__post=theirs).exists()


def test_a_reply_to_another_posts_comment_is_404_and_shows_nothing(org, posts):
    ours, _, theirs_comment = posts
    client = as_user(org.manager)
    for response in (
        client.get(
            reverse("approvals:post_comments", args=[ours.pk]), {"reply_to": theirs_comment.pk}
        ),
        client.post(
            reverse("approvals:post_comments", args=[ours.pk]),
            {"text": "Forged reply", "reply_to": theirs_comment.pk},
        ),
    ):
        assert response.status_code == 404
        assert "A Treasury remark" not in response.content.decode()
    assert not Comment.objects.filter(text="Forged reply").exists()
