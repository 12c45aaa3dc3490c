"""A period declared while an approver decides a post it catches, on
PostgreSQL: whichever commits first, exactly one outcome stands and the post
ends held."""

import threading
import time

import pytest
from django.db import connection, transaction

from approvals.errors import AlreadyDecided
from approvals.models import AuditAction, AuditEvent, Decision, Outcome, PostStatus
from approvals.posts import deciding

pytestmark = pytest.mark.django_db(transaction=True)


def in_turn(first, second):
    """Run ``first`` in a transaction that stays open a moment after it acts,
    and ``second`` meanwhile, in its own thread: it must wait for the locks."""
    acted = threading.Event()
    results = {}

    def run(name, action, hold_open):
        try:
            with transaction.atomic():
                results[name] = action()
                if hold_open:
                    acted.set()
                    time.sleep(0.5)
        except AlreadyDecided as error:
            results[name] = error
        finally:
            acted.set()
            connection.close()

    threads = [
        threading.Thread(target=run, args=("first", first, True)),
        threading.Thread(target=lambda: (acted.wait(10), run("second", second, False))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("deciding_first", [True, False], ids=["decision first", "period first"])
def test_exactly_one_outcome_stands_and_the_post_ends_held(org, make_post, declare, deciding_first):
    post = make_post(org.author)

    def decide():
        return deciding.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )

    def hold():
        return declare(departments=[org.cabinet_office]).held

    results = in_turn(decide, hold) if deciding_first else in_turn(hold, decide)

    post.refresh_from_db()
    assert post.status == PostStatus.HELD
    assert AuditEvent.objects.filter(post=post, action=AuditAction.HELD).count() == 1
    decisions = Decision.objects.filter(version__post=post)
    if deciding_first:
        # The approval stands, then the period held the approved post.
        assert decisions.count() == 1
        assert results["second"] == 1
    else:
        # Held first: the approver is told, and nothing of theirs was recorded.
        assert not decisions.exists()
        assert "held" in str(results["second"])
