"""Commenting on a passage, replying, the five minutes to change a comment,
withdrawing one, telling colleagues, and text shown as text."""

from datetime import timedelta

import pytest
from django.urls import reverse

from approvals.comments import services
from approvals.models import AuditAction, AuditEvent, Comment, Notice

pytestmark = pytest.mark.django_db

TEXT = "Cabinet Office: our guidance on taking part\nonline is published today."


@pytest.fixture
def post(org, make_post):
    return make_post(org.author, text=TEXT)


def _comment(client, post, **data):
    return client.post(
        reverse("approvals:post_comments", args=[post.pk]),
        {"version": post.current_version_id, **data},
    )


def test_a_comment_on_a_passage_quotes_it(org, post, as_user):
    client = as_user(org.manager)
    # Copied from the page, where the line break reads as a space.
    response = _comment(client, post, quote="taking part online", text="Say where it is.")
    assert response.status_code == 302
    comment = Comment.objects.get(post=post)
    assert comment.quote == "taking part online"
    assert comment.version_id == post.current_version_id
    page = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "“taking part online”" in page


def test_a_passage_in_a_later_part_of_a_thread_may_be_quoted(org, make_post, as_user):
    post = make_post(
        org.author, text=TEXT, channel="x", further_parts=["Be credible:\naccurate and fair."]
    )
    response = _comment(as_user(org.manager), post, quote="credible: accurate", text="Thorough?")
    assert response.status_code == 302
    assert Comment.objects.get(post=post).quote == "credible: accurate"
    # The comments page shows every part, so that a later part can be copied.
    page = as_user(org.manager).get(reverse("approvals:post_comments", args=[post.pk]))
    assert "accurate and fair." in page.content.decode()


def test_a_passage_not_in_the_post_is_refused_and_nothing_is_lost(org, post, as_user):
    response = _comment(
        as_user(org.manager), post, quote="taking part offline", text="My careful words"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "must be copied exactly from version 1" in page
    assert "My careful words" in page  # still in the box
    assert not Comment.objects.exists()


def test_a_comment_on_a_version_since_replaced_is_refused_with_its_words_kept(org, post, as_user):
    response = as_user(org.manager).post(
        reverse("approvals:post_comments", args=[post.pk]),
        {"version": post.current_version_id + 1000, "text": "On an old page"},
    )
    assert response.status_code == 400
    assert "submitted a new version" in response.content.decode()
    assert "On an old page" in response.content.decode()


def test_replies_form_one_thread_one_level_deep(org, post, as_user):
    first = services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text="Why today?"
    )
    client = as_user(org.author)
    assert (
        client.post(
            reverse("approvals:post_comments", args=[post.pk]),
            {"reply_to": first.pk, "text": "It launches today."},
        ).status_code
        == 302
    )
    reply = Comment.objects.get(text="It launches today.")
    assert reply.reply_to == first
    # A reply to the reply joins the same thread.
    services.add_comment(
        post_id=post.pk, user=org.manager, version_id=None, reply_to_id=reply.pk, text="Fine."
    )
    assert Comment.objects.get(text="Fine.").reply_to == first
    page = client.get(reverse("approvals:post_comments", args=[post.pk])).content.decode()
    assert page.index("Why today?") < page.index("It launches today.") < page.index("Fine.")


def _aged(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=comment.created_at - timedelta(minutes=minutes)
    )


def test_a_comment_can_be_changed_at_four_minutes(org, post, as_user):
    comment = services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text="Teh date"
    )
    _aged(comment, 4)
    response = as_user(org.manager).post(
        reverse("approvals:comment_change", args=[comment.pk]), {"text": "The date"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "The date"
    assert comment.edited_at is not None
    changes = AuditEvent.objects.filter(post=post, action=AuditAction.COMMENT_CHANGED)
    assert [event.comment for event in changes] == ["The date"]
    # The first wording stays in the record.
    assert AuditEvent.objects.get(post=post, action=AuditAction.COMMENTED).comment == "Teh date"


def test_a_comment_cannot_be_changed_at_six_minutes(org, post, as_user):
    comment = services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text="Teh date"
    )
    client = as_user(org.manager)
    _aged(comment, 6)
    opened = client.get(reverse("approvals:comment_change", args=[comment.pk]))
    assert "only change a comment in the first 5 minutes" in opened.content.decode()
    response = client.post(
        reverse("approvals:comment_change", args=[comment.pk]), {"text": "The date"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "only change a comment in the first 5 minutes" in page
    assert "The date" in page  # the new wording is not lost
    comment.refresh_from_db()
    assert comment.text == "Teh date"


def test_a_withdrawn_comment_shows_who_withdrew_it_and_when_but_not_its_words(org, post, as_user):
    comment = services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text="Rash words"
    )
    manager = as_user(org.manager)
    assert manager.get(reverse("approvals:comment_withdraw", args=[comment.pk])).status_code == 200
    assert manager.post(reverse("approvals:comment_withdraw", args=[comment.pk])).status_code == 302
    comment.refresh_from_db()
    assert comment.withdrawn_at is not None
    assert comment.text == "Rash words"  # never deleted
    mine = manager.get(reverse("approvals:post_comments", args=[post.pk])).content.decode()
    assert "Withdrawn" in mine and "Rash words" in mine
    theirs = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Withdrawn" in theirs and str(org.manager) in theirs
    assert "Rash words" not in theirs
    assert AuditEvent.objects.filter(
        post=post, action=AuditAction.COMMENT_WITHDRAWN, actor=org.manager
    ).exists()
    # Nor can it be changed afterwards.
    with pytest.raises(services.CommentRefused):
        services.change_comment(comment_id=comment.pk, user=org.manager, text="Other words")


def test_telling_a_colleague_who_can_see_the_post(org, post, as_user):
    response = _comment(as_user(org.manager), post, text="Press, a look?", also_tell="press")
    assert response.status_code == 302
    assert Notice.objects.filter(recipient=org.press, kind="comment").exists()


@pytest.mark.parametrize("name", ["colleague", "treasury-manager", "nobody-by-this-name"])
def test_telling_someone_who_may_not_see_the_post_is_refused_alike(org, post, as_user, name):
    response = _comment(as_user(org.manager), post, text="Have a look", also_tell=f"@{name}")
    assert response.status_code == 400
    page = response.content.decode()
    assert f"You can only tell colleagues who can see this post. Check “{name}”" in page
    assert not Comment.objects.exists()
    assert not Notice.objects.filter(kind="comment").exists()


def test_the_other_side_is_told_in_the_portal(org, post):
    services.add_comment(
        post_id=post.pk, user=org.author, version_id=post.current_version_id, text="Any news?"
    )
    told = set(Notice.objects.filter(kind="comment").values_list("recipient__username", flat=True))
    # Who it waits for now: the line manager and the deputy covering them.
    assert told == {"manager", "deputy"}
    services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text="Soon."
    )
    assert Notice.objects.filter(kind="comment", recipient=org.author).count() == 1


def test_comment_text_is_shown_as_text(org, post, as_user):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    services.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text=hostile
    )
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert hostile not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
