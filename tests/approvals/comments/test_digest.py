"""The e-mail of new comments: one per person per quarter-hour, listing what
came since the last one. Timings are real timestamps, moved back, not sleeps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.comments import digest, services
from approvals.mail import outbox
from approvals.models import Comment, Notice, OutboxMessage
from approvals.notices import services as notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(org, make_post):
    return make_post(org.author)


def comment_at(post, user, minutes_ago, text):
    comment = services.add_comment(
        post_id=post.pk, user=user, version_id=post.current_version_id, text=text
    )
    at = timezone.now() - timedelta(minutes=minutes_ago)
    Comment.objects.filter(pk=comment.pk).update(created_at=at)
    Notice.objects.filter(comment=comment).update(created_at=at)
    return comment


def digests_to(user):
    return OutboxMessage.objects.filter(to=user.email, key__startswith="comments:")


def test_two_comments_within_a_quarter_hour_make_one_email(org, post, mailoutbox):
    outbox.relay()  # the e-mails saying the post waits for the managers
    mailoutbox.clear()
    comment_at(post, org.manager, 14, "First thought")
    comment_at(post, org.manager, 5, "Second thought")
    now = timezone.now()
    assert digest.send_due(now=now) == 0  # the first is 14 minutes old: not yet
    assert digest.send_due(now=now + timedelta(minutes=1)) == 1
    (message,) = digests_to(org.author)
    assert message.subject == "2 new comments on official posts"
    assert message.body.count(f"{org.manager}, ") == 2
    # Nothing more to send for those.
    assert digest.send_due(now=now + timedelta(minutes=30)) == 0
    outbox.relay()
    assert [mail.to for mail in mailoutbox] == [[org.author.email]]
    assert "First thought" not in mailoutbox[0].body  # the words stay in the portal


def test_a_comment_after_the_digest_gives_another_a_quarter_hour_on(org, post):
    comment_at(post, org.manager, 20, "Earlier")
    now = timezone.now()
    assert digest.send_due(now=now) == 1
    comment_at(post, org.manager, 0, "Later")
    assert digest.send_due(now=now + timedelta(minutes=14)) == 0
    assert digest.send_due(now=now + timedelta(minutes=16)) == 1
    first, second = digests_to(org.author).order_by("pk")
    assert first.subject == second.subject == "1 new comment on official posts"


def test_a_comment_read_in_the_portal_is_not_mailed(org, post):
    comment_at(post, org.manager, 20, "Seen already")
    notice = Notice.objects.get(recipient=org.author)
    notices.open_notice(notice_id=notice.pk, user=org.author)
    assert digest.send_due(now=timezone.now()) == 0
    assert not digests_to(org.author).exists()


def test_each_person_has_their_own_quarter_hour(org, post):
    comment_at(post, org.manager, 20, "To the author")  # the deputy commented on nothing
    comment_at(post, org.author, 3, "To the managers")
    now = timezone.now()
    assert digest.send_due(now=now) == 1
    assert digests_to(org.author).count() == 1
    assert not digests_to(org.manager).exists()
    assert digest.send_due(now=now + timedelta(minutes=12)) == 2  # the manager and the deputy
    assert digests_to(org.manager).count() == digests_to(org.deputy).count() == 1
