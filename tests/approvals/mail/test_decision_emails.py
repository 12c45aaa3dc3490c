"""What the author is told after each decision: the first of two sign-offs
leaves the post waiting, and the e-mail says so rather than "approved"."""

from approvals.models import OutboxMessage, Outcome, PostStatus
from approvals.posts import deciding
from tests.approvals.conftest import RISKY_TEXT


def _told_author(org):
    return OutboxMessage.objects.filter(to=org.author.email, key__startswith="decided:").latest(
        "pk"
    )


def _approve(post, user):
    return deciding.decide(
        post_id=post.pk, version_id=post.current_version_id, user=user, outcome=Outcome.APPROVED
    )


def test_the_first_of_two_sign_offs_is_not_called_approved(org, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    _approve(post, org.manager)
    post.refresh_from_db()
    assert post.status == PostStatus.SUBMITTED
    message = _told_author(org)
    assert message.subject == (
        "Your proposed post is signed off by your line manager and now waits for Cabinet Office"
    )
    assert "as line manager" in message.body
    assert "It is not approved yet" in message.body

    _approve(post, org.press)
    message = _told_author(org)
    assert message.subject == "Your proposed post: approved"
    assert "as department approver" in message.body
    assert "It is approved." in message.body


def test_changes_requested_says_so_with_the_reason(org, make_post):
    post = make_post(org.author)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say which guidance.",
    )
    message = _told_author(org)
    assert message.subject == "Your proposed post: changes requested"
    assert "Say which guidance." in message.body
