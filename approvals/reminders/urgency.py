"""When a waiting post is urgent, and when it is overdue: the rule the
reminders are sent by, which the queue reads again to mark its posts.

Urgent: it is due to go out within the department's ``urgent_within`` hours
(real hours), when its approvers get an urgent reminder. Overdue: it has
waited at its step for the department's ``escalate_after`` working hours or
more, when the reminders escalate it. A post whose time has passed is urgent
until the expiry sweep expires it; it can no longer be approved.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from approvals.models import Post, ReminderPolicy
from approvals.reminders.working_hours import WorkingClock


def is_urgent(policy: ReminderPolicy, *, publish_at: datetime, now: datetime) -> bool:
    return publish_at - now <= timedelta(hours=policy.urgent_within)


def is_overdue(policy: ReminderPolicy, *, working_hours_waited: float) -> bool:
    return working_hours_waited >= policy.escalate_after


def policy_of(post: Post) -> ReminderPolicy:
    """The policy read with the post (``department__reminder_policy``), or the defaults."""
    try:
        return post.department.reminder_policy
    except ReminderPolicy.DoesNotExist:
        return ReminderPolicy.default_for(post.department_id)


def mark(posts: Iterable[Post], *, now: datetime) -> None:
    """Set ``urgent`` and ``overdue`` on posts read by ``selectors.waiting_for``
    (with their department's policy and ``waiting_since``): no query."""
    clock = WorkingClock(now)
    for post in posts:
        policy = policy_of(post)
        post.urgent = is_urgent(policy, publish_at=post.publish_at, now=now)  # type: ignore[attr-defined]
        post.overdue = is_overdue(  # type: ignore[attr-defined]
            policy,
            working_hours_waited=clock.hours_since(post.waiting_since),  # type: ignore[attr-defined]
        )
