"""Expiry: a post whose time passes before sign-off expires, its author is
told, nobody can approve it, and it goes back for a new time on request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.models import AuditAction, AuditEvent, OutboxMessage, Outcome, Post, PostStatus
from approvals.posts import deciding, expiry, services
from approvals.reminders import sending
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db


def overdue(post, hours=1) -> Post:
    """The post's time passed an hour ago: it was made with a future time, as submission demands."""
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now() - timedelta(hours=hours))
    post.refresh_from_db()
    return post


def test_a_post_still_waiting_when_its_time_passes_expires_and_its_author_is_told(org, make_post):
    late = overdue(make_post(org.author))
    on_time = make_post(org.author)
    second_step, approved = make_post(org.treasury_author), make_post(org.author)
    for post, manager in ((second_step, org.treasury_manager), (approved, org.manager)):
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=manager,
            outcome=Outcome.APPROVED,
        )
        overdue(post)

    assert expiry.expire_overdue() == 2
    statuses = dict(Post.objects.values_list("pk", "status"))
    assert statuses == {
        late.pk: PostStatus.EXPIRED,
        second_step.pk: PostStatus.EXPIRED,
        on_time.pk: PostStatus.SUBMITTED,
        approved.pk: PostStatus.APPROVED,
    }
    late.refresh_from_db()

    event = AuditEvent.objects.get(action=AuditAction.EXPIRED, post=late)
    assert (event.actor, event.version_id) == (None, late.current_version_id)
    assert "still waiting for the line manager" in event.comment
    notice = OutboxMessage.objects.get(key=f"expired:{late.current_version_id}")
    assert notice.to == org.author.email
    assert notice.subject == "Your proposed post expired before it was signed off"
    assert f"/posts/{late.pk}/" in notice.body

    assert expiry.expire_overdue() == 0
    assert AuditEvent.objects.filter(action=AuditAction.EXPIRED).count() == 2


def test_an_approver_cannot_approve_an_expired_post(org, make_post):
    post = overdue(make_post(org.author))
    with pytest.raises(ApprovalError, match="cannot be approved"):
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )
    expiry.expire_overdue()
    with pytest.raises(AlreadyDecided, match="This post has expired"):
        deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )
    assert Post.objects.get(pk=post.pk).status == PostStatus.EXPIRED


def test_no_reminder_is_sent_for_a_post_whose_time_has_passed(org, make_post):
    post = overdue(make_post(org.author))
    Post.objects.filter(pk=post.pk).update(submitted_at=timezone.now() - timedelta(days=10))
    assert sending.sweep().waiting == 0
    assert not OutboxMessage.objects.filter(key__startswith="reminders:").exists()


def test_the_approver_asks_the_author_to_set_a_new_time(org, make_post):
    post = overdue(make_post(org.author))
    expiry.expire_overdue()
    post.refresh_from_db()
    assert expiry.may_reopen_expired(org.deputy, post, line_manager_id=org.manager.pk)

    expiry.reopen_expired(post_id=post.pk, by=org.deputy, reason="Try Thursday morning.")
    post.refresh_from_db()
    assert (post.status, post.stage) == (PostStatus.CHANGES_REQUESTED, "")
    event = AuditEvent.objects.filter(post=post).last()
    assert (event.action, event.actor, event.comment) == (
        AuditAction.CHANGES_REQUESTED,
        org.deputy,
        "Try Thursday morning.",
    )
    notice = OutboxMessage.objects.get(key=f"reopened:{post.current_version_id}")
    assert notice.to == org.author.email and "Try Thursday morning." in notice.body
    assert f"/posts/{post.pk}/edit/" in notice.body

    post = services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel=post.channel,
        account=post.account,
        text=post.text,
        link=post.link,
        publish_at=timezone.now() + timedelta(days=1),
    )
    post = services.submit_post(post_id=post.pk, author=org.author)
    assert (post.status, post.current_version.number) == (PostStatus.SUBMITTED, 2)


def test_the_author_may_reopen_their_own_expired_post(org, make_post):
    post = overdue(make_post(org.author))
    expiry.expire_overdue()
    expiry.reopen_expired(post_id=post.pk, by=org.author)
    assert Post.objects.get(pk=post.pk).status == PostStatus.CHANGES_REQUESTED
    assert not OutboxMessage.objects.filter(key__startswith="reopened:").exists()


def test_only_who_could_have_signed_it_off_at_its_step_may_reopen_it(org, make_post):
    at_manager = overdue(make_post(org.author))
    at_department = make_post(org.author, text=RISKY_TEXT)
    deciding.decide(
        post_id=at_department.pk,
        version_id=at_department.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    overdue(at_department)
    expiry.expire_overdue()

    for outsider in (org.press, org.colleague, org.treasury_manager, org.superuser):
        with pytest.raises(NotAllowed):
            expiry.reopen_expired(post_id=at_manager.pk, by=outsider)
    for outsider in (org.manager, org.deputy, org.colleague):
        with pytest.raises(NotAllowed):
            expiry.reopen_expired(post_id=at_department.pk, by=outsider)
    expiry.reopen_expired(post_id=at_department.pk, by=org.press)
    assert Post.objects.get(pk=at_manager.pk).status == PostStatus.EXPIRED
    assert Post.objects.get(pk=at_department.pk).status == PostStatus.CHANGES_REQUESTED


def test_a_post_that_has_not_expired_cannot_be_reopened(org, make_post):
    post = make_post(org.author)
    with pytest.raises(ApprovalError, match="has not expired"):
        expiry.reopen_expired(post_id=post.pk, by=org.manager)
    with pytest.raises(NotAllowed):
        expiry.reopen_expired(post_id=post.pk, by=org.treasury_manager)
