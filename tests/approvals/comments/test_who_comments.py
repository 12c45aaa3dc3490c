"""Who may read and write comments on a post: the author and whoever signs it
off (line manager, covering deputy, department approver); nobody else learns
anything, not even that the post or the comment exists."""

import pytest
from django.urls import reverse

from approvals.comments import services
from approvals.models import AuditAction, AuditEvent, Comment

pytestmark = pytest.mark.django_db

SECRET = "Only the people this post is between may read this remark"
MAY_COMMENT = ("author", "manager", "deputy", "press")
MAY_NOT = ("colleague", "treasury_manager", "treasury_author", "superuser")


@pytest.fixture
def post(org, make_post):
    post = make_post(org.author)
    services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text=SECRET
    )
    return post


@pytest.mark.parametrize("who", MAY_COMMENT)
def test_the_author_and_whoever_signs_it_off_read_and_add_comments(org, post, as_user, who):
    client = as_user(getattr(org, who))
    page = client.get(reverse("approvals:post_comments", args=[post.pk]))
    assert page.status_code == 200
    assert SECRET in page.content.decode()
    assert SECRET in client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    added = client.post(
        reverse("approvals:post_comments", args=[post.pk]),
        {"text": f"A word from {who}", "version": post.current_version_id},
    )
    assert added.status_code == 302
    assert Comment.objects.filter(post=post, author=getattr(org, who)).exists()


@pytest.mark.parametrize("who", MAY_NOT)
def test_anyone_else_gets_404_and_leaves_nothing(org, post, as_user, who):
    client = as_user(getattr(org, who))
    comment = Comment.objects.get(post=post)
    for url in (
        reverse("approvals:post_comments", args=[post.pk]),
        reverse("approvals:comment_change", args=[comment.pk]),
        reverse("approvals:comment_withdraw", args=[comment.pk]),
    ):
        refused = client.get(url)
        assert refused.status_code == 404
        assert SECRET not in refused.content.decode()
    written = client.post(
        reverse("approvals:post_comments", args=[post.pk]),
        {"text": "Let me in", "version": post.current_version_id},
    )
    assert written.status_code == 404
    assert client.post(reverse("approvals:comment_withdraw", args=[comment.pk])).status_code == 404
    assert not Comment.objects.filter(text="Let me in").exists()
    assert Comment.objects.get(pk=comment.pk).withdrawn_at is None


def test_only_the_writer_changes_or_withdraws_a_comment(org, post, as_user):
    comment = Comment.objects.get(post=post)
    client = as_user(org.author)  # sees the comment, did not write it
    assert client.get(reverse("approvals:comment_change", args=[comment.pk])).status_code == 404
    assert client.post(reverse("approvals:comment_withdraw", args=[comment.pk])).status_code == 404
    assert Comment.objects.get(pk=comment.pk).withdrawn_at is None


def test_a_decided_post_shows_its_comments_but_takes_no_more(org, post, as_user):
    from approvals.models import Outcome
    from approvals.posts import deciding

    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    client = as_user(org.author)
    page = client.get(reverse("approvals:post_comments", args=[post.pk]))
    assert SECRET in page.content.decode()
    assert "Comments are closed" in page.content.decode()
    tried = client.post(
        reverse("approvals:post_comments", args=[post.pk]),
        {"text": "Too late", "version": post.current_version_id},
    )
    assert tried.status_code == 404


def test_a_draft_never_submitted_has_no_comments(org, make_post, as_user):
    draft = make_post(org.author, submit=False)
    page = as_user(org.author).get(reverse("approvals:post_comments", args=[draft.pk]))
    assert "Comments are closed" in page.content.decode()
    refused = as_user(org.manager).get(reverse("approvals:post_comments", args=[draft.pk]))
    assert refused.status_code == 404


def test_every_comment_is_in_the_audit_trail(org, post):
    event = AuditEvent.objects.get(post=post, action=AuditAction.COMMENTED)
    assert event.actor == org.manager
    assert event.comment == SECRET
    assert event.version_id == post.current_version_id
