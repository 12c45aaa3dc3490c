"""Reading what waits, and working out which reminders are due."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from approvals import routing
from approvals.models import (
    Post,
    PostStatus,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    StaffProfile,
    Stage,
)
from approvals.posts.channels import Channel
from approvals.posts.selectors import waiting_since
from approvals.reminders.urgency import is_overdue, is_urgent
from approvals.reminders.working_hours import WorkingClock

User = get_user_model()


@dataclass
class Wait:
    """One post waiting at one step, with everything its reminders need."""

    post_id: int
    version_id: int
    stage: str
    author_id: int
    department_id: int
    publish_at: datetime
    since: datetime
    hours: float
    urgent: bool
    escalated: bool
    slot: int
    approvers: set[int]
    escalate_to: set[int]
    department_approvers: frozenset[int]
    item: dict = field(default_factory=dict)


@dataclass
class Plan:
    """What one sweep will send: per person, the reminder slots due to them."""

    run: uuid.UUID
    now: datetime
    waits: list[Wait]
    due: dict[int, list[tuple]]
    people: dict[int, dict]
    waiting_for: dict[int, list[Wait]]
    escalated_to: dict[int, list[Wait]]


def _waiting_posts(now: datetime):
    return (
        Post.objects.filter(
            status=PostStatus.SUBMITTED, publish_at__gt=now, current_version__isnull=False
        )
        .annotate(waiting_since=waiting_since())
        .order_by("submitted_at", "pk")
        .values(
            *routing.ROUTE_COLUMNS,
            "publish_at",
            "waiting_since",
            "channel",
            "account",
            "text",
            "author__first_name",
            "author__last_name",
            "author__username",
        )
    )


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def _excerpt(text: str, length: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def plan(*, now: datetime) -> Plan:
    """Everything waiting and every reminder due, in a fixed number of queries."""
    clock = WorkingClock(now)
    policies = {policy.department_id: policy for policy in ReminderPolicy.objects.all()}
    rows = list(_waiting_posts(now))
    routes = map(routing.route_from_row, rows)
    routed = routing.approvers_of_many(routes, on=timezone.localdate(now))
    department_approvers = routed.world.holders
    sent = set(
        Reminder.objects.filter(
            version__post__status=PostStatus.SUBMITTED,
            version__post__current_version=F("version"),
        ).values_list("version_id", "stage", "recipient_id", "kind", "number")
    )
    # Whose own line manager an escalation goes to: the line managers of
    # posts' authors, and the departments' approvers.
    approvers_anywhere = {row["author__staff_profile__line_manager_id"] for row in rows}
    for department_id in {row["department_id"] for row in rows}:
        approvers_anywhere |= department_approvers.get(department_id, frozenset())
    approvers_anywhere.discard(None)
    line_manager_of = dict(
        StaffProfile.objects.filter(
            user_id__in=approvers_anywhere, line_manager__isnull=False
        ).values_list("user_id", "line_manager_id")
    )

    waits = []
    for row in rows:
        policy = policies.get(row["department_id"]) or ReminderPolicy.default_for(
            row["department_id"]
        )
        in_department = department_approvers.get(row["department_id"], frozenset())
        manager_id = row["author__staff_profile__line_manager_id"]
        approvers = set(routed.approvers[row["pk"]])
        if row["stage"] == Stage.LINE_MANAGER:
            escalate_to = {line_manager_of.get(manager_id), *in_department}
        else:
            escalate_to = {line_manager_of.get(holder) for holder in in_department}
        escalate_to -= {None, row["author_id"], *approvers}
        hours = clock.hours_since(row["waiting_since"])
        slot = 0
        if hours >= policy.first_after:
            slot = 1 + int((hours - policy.first_after) // policy.repeat_every)
        waits.append(
            Wait(
                post_id=row["pk"],
                version_id=row["current_version_id"],
                stage=row["stage"],
                author_id=row["author_id"],
                department_id=row["department_id"],
                publish_at=row["publish_at"],
                since=row["waiting_since"],
                hours=hours,
                urgent=is_urgent(policy, publish_at=row["publish_at"], now=now),
                escalated=is_overdue(policy, working_hours_waited=hours),
                slot=slot,
                approvers=approvers,
                # None was taken out of it above, with the author and the approvers.
                escalate_to=cast(set[int], escalate_to),
                department_approvers=in_department,
                item={
                    "author": _name(
                        row["author__first_name"],
                        row["author__last_name"],
                        row["author__username"],
                    ),
                    "channel": Channel(row["channel"]).label,
                    "account": row["account"],
                    "excerpt": _excerpt(row["text"]),
                },
            )
        )

    everyone = set()
    for wait in waits:
        everyone |= wait.approvers | wait.escalate_to | {wait.author_id}
    people = {
        pk: {"name": _name(first, last, username), "email": email}
        for pk, email, first, last, username in User.objects.filter(
            pk__in=everyone, is_active=True
        ).values_list("pk", "email", "first_name", "last_name", "username")
    }

    due: dict[int, list[tuple]] = defaultdict(list)
    waiting_for = defaultdict(list)
    escalated_to = defaultdict(list)
    for wait in waits:
        wait.approvers &= people.keys()
        wait.escalate_to &= people.keys()
        slots = []
        if wait.slot:
            slots.append((ReminderKind.REMINDER, wait.slot))
        if wait.urgent:
            slots.append((ReminderKind.URGENT, 1))
        for approver in wait.approvers:
            waiting_for[approver].append(wait)
            for kind, number in slots:
                due[approver].append((wait.version_id, wait.stage, approver, kind, number))
        if wait.escalated:
            for person in wait.escalate_to:
                escalated_to[person].append(wait)
            for person in {*wait.escalate_to, wait.author_id}:
                escalation = (wait.version_id, wait.stage, person, ReminderKind.ESCALATION, 1)
                due[person].append(escalation)
    due = {
        person: slots
        for person, slots in ((p, [s for s in slots if s not in sent]) for p, slots in due.items())
        if slots
    }
    return Plan(
        run=uuid.uuid4(),
        now=now,
        waits=waits,
        due=due,
        people=people,
        waiting_for=waiting_for,
        escalated_to=escalated_to,
    )
