"""Two approvers deciding the same post at the same moment, on PostgreSQL:
exactly one decision stands and the other is told, clearly, that nothing changed."""

import threading

import pytest
from django.db import connection

from approvals.errors import AlreadyDecided
from approvals.models import AuditEvent, Decision, Outcome, PostStatus
from approvals.posts import deciding

pytestmark = pytest.mark.django_db(transaction=True)


def race(post, deciders):
    barrier = threading.Barrier(len(deciders))
    outcomes = {}

    def decide(user, outcome, reason):
        try:
            barrier.wait(timeout=10)
            deciding.decide(
                post_id=post.pk,
                version_id=post.current_version_id,
                user=user,
                outcome=outcome,
                reason=reason,
            )
            outcomes[user.username] = "recorded"
        except AlreadyDecided as error:
            outcomes[user.username] = str(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=decider) for decider in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("attempt", range(5))
def test_two_approvers_at_once_make_exactly_one_decision(org, make_post, attempt):
    post = make_post(org.author)
    outcomes = race(
        post,
        [
            (org.manager, Outcome.APPROVED, ""),
            (org.deputy, Outcome.REJECTED, "Not on brand."),
        ],
    )
    assert sorted(outcomes) == ["deputy", "manager"]
    recorded = [name for name, result in outcomes.items() if result == "recorded"]
    assert len(recorded) == 1
    loser = next(name for name in outcomes if name not in recorded)
    assert "has already decided this post" in outcomes[loser]
    assert "not recorded" in outcomes[loser]

    decisions = Decision.objects.filter(version__post=post)
    assert decisions.count() == 1
    assert decisions.get().decided_by.username == recorded[0]
    post.refresh_from_db()
    expected = PostStatus.APPROVED if recorded == ["manager"] else PostStatus.REJECTED
    assert post.status == expected
    assert AuditEvent.objects.filter(post=post, action__in=["approved", "rejected"]).count() == 1
