"""Reminders and escalation: the sweep that keeps sign-off moving.

A sweep reads everything waiting for sign-off in a fixed number of queries,
works out which reminders are due under each department's policy, and
sends each person who has one due a single e-mail (a digest) listing
everything that waits for them, oldest first. It asks the database the same
number of times for ten posts or ten thousand; only the number of people,
in batches of ``APPROVALS_REMINDER_BATCH``, adds to it.

Who is reminded of a post at one step, and when:

- its approvers (the line manager and any deputy covering them, or the
  department's approvers), once it has waited ``first_after`` working
  hours, then again every ``repeat_every``;
- the same approvers once more, marked urgent, when it goes out within
  ``urgent_within`` hours;
- once it has waited ``escalate_after`` working hours, the approvers' own
  line managers and the department's approvers, and its author is told.

Each reminder goes once. Reminder rows carry a unique slot (the version,
step, person, kind and number) and are written in the same transaction as
the e-mail that carries them, so a sweep run twice, or two at once, or one
killed halfway and run again, sends every reminder exactly once. A
PostgreSQL advisory lock keeps a second sweep from starting while one runs,
so that nobody's reminders are split across two e-mails.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, F, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from approvals import notifications, permissions
from approvals.checks import Channel
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Decision,
    Delegation,
    Department,
    DepartmentUserObjectPermission,
    OutboxMessage,
    Outcome,
    Post,
    PostStatus,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    StaffProfile,
    Stage,
)
from approvals.outbox import kick_relay
from approvals.working_hours import WorkingClock

logger = logging.getLogger(__name__)

User = get_user_model()

# pg_try_advisory_lock's key for "a sweep is running": any constant unique to this use.
SWEEP_LOCK = 0x5157_6565_7001


# Policy ---------------------------------------------------------------------


def policy_for(department_id: int) -> ReminderPolicy:
    """The department's reminder policy, or the defaults when it has set none."""
    return ReminderPolicy.objects.filter(
        department_id=department_id
    ).first() or ReminderPolicy.default_for(department_id)


@transaction.atomic
def set_reminder_policy(
    *,
    department_id: int,
    by,
    first_after: int,
    repeat_every: int,
    escalate_after: int,
    urgent_within: int,
) -> ReminderPolicy:
    """A department admin sets when the department's approvers are reminded."""
    department = Department.objects.select_for_update().filter(pk=department_id).first()
    if department is None or not permissions.may_manage(by, department.pk):
        raise NotAllowed("You cannot change this department's reminders.")
    hours = {
        "first_after": first_after,
        "repeat_every": repeat_every,
        "escalate_after": escalate_after,
        "urgent_within": urgent_within,
    }
    policy = policy_for(department.pk)
    if not policy._state.adding and all(
        getattr(policy, name) == value for name, value in hours.items()
    ):
        return policy
    for name, value in hours.items():
        setattr(policy, name, value)
    policy.updated_by = by
    try:
        policy.full_clean(exclude=["department", "updated_by"])
    except ValidationError as error:
        raise ApprovalError(" ".join(_readable(error))) from error
    policy.save()
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.POLICY_CHANGED,
        department=department,
        comment=policy.describe(),
    )
    return policy


def _readable(error: ValidationError) -> list[str]:
    messages = []
    for name, field_messages in error.message_dict.items():
        if name == "__all__":
            messages += field_messages
        else:
            label = ReminderPolicy._meta.get_field(name).verbose_name.capitalize()
            messages += [f"{label}: {message}" for message in field_messages]
    return messages


# Reading what waits ----------------------------------------------------------


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


def _department_approvers() -> dict[int, frozenset[int]]:
    direct = DepartmentUserObjectPermission.objects.filter(
        permission__codename=Authority.APPROVE_POSTS, user__is_active=True
    ).values_list("content_object_id", "user_id")
    through_groups = (
        permissions.group_grants()
        .filter(permission__codename=Authority.APPROVE_POSTS, group__user__is_active=True)
        .values_list("content_object_id", "group__user")
    )
    approvers = defaultdict(set)
    for department_id, user_id in direct.union(through_groups):
        approvers[department_id].add(user_id)
    return {department_id: frozenset(ids) for department_id, ids in approvers.items()}


def _waiting_posts(now: datetime):
    line_manager_approval = Decision.objects.filter(
        version=OuterRef("current_version"),
        stage=Stage.LINE_MANAGER,
        outcome=Outcome.APPROVED,
    ).values("created_at")[:1]
    return (
        Post.objects.filter(
            status=PostStatus.SUBMITTED, publish_at__gt=now, current_version__isnull=False
        )
        .annotate(
            # A post waits at the department's step from the line manager's approval.
            waiting_since=Case(
                When(
                    stage=Stage.DEPARTMENT,
                    then=Coalesce(Subquery(line_manager_approval), F("submitted_at")),
                ),
                default=F("submitted_at"),
            )
        )
        .order_by("submitted_at", "pk")
        .values(
            "pk",
            "current_version_id",
            "stage",
            "author_id",
            "department_id",
            "publish_at",
            "waiting_since",
            "channel",
            "account",
            "text",
            "author__first_name",
            "author__last_name",
            "author__username",
            "author__staff_profile__line_manager_id",
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
    deputies = defaultdict(set)
    for delegator_id, deputy_id in Delegation.objects.active(
        on=timezone.localdate(now)
    ).values_list("delegator_id", "deputy_id"):
        deputies[delegator_id].add(deputy_id)
    department_approvers = _department_approvers()
    decided = defaultdict(set)
    for version_id, user_id in Decision.objects.filter(
        version__post__status=PostStatus.SUBMITTED,
        version__post__current_version=F("version"),
    ).values_list("version_id", "decided_by_id"):
        decided[version_id].add(user_id)
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
        if row["stage"] == Stage.LINE_MANAGER:
            approvers = {manager_id, *deputies[manager_id]} if manager_id else set()
            escalate_to = {line_manager_of.get(manager_id), *in_department}
        else:
            approvers = set(in_department)
            escalate_to = {line_manager_of.get(approver) for approver in approvers}
        approvers -= {row["author_id"], *decided[row["current_version_id"]]}
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
                urgent=row["publish_at"] - now <= timedelta(hours=policy.urgent_within),
                escalated=hours >= policy.escalate_after,
                slot=slot,
                approvers=approvers,
                escalate_to=escalate_to,
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

    due = defaultdict(list)
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
                slot = (wait.version_id, wait.stage, person, ReminderKind.ESCALATION, 1)
                due[person].append(slot)
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


# Sending -----------------------------------------------------------------------


def _when(moment: datetime) -> str:
    # As the templates' "j F Y, H:i", formatted here once per post rather than
    # by the template once per e-mail: a tenth of a sweep's time otherwise.
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y, %H:%M}"


def _item(wait: Wait, plan: Plan) -> dict:
    """What a digest says of one post, the same in every digest that lists it."""
    if "stage" not in wait.item:
        wait.item.update(
            stage=Stage(wait.stage).label,
            since=_when(wait.since),
            hours=int(wait.hours),
            publish_at=_when(wait.publish_at),
            urgent=wait.urgent,
            escalated=wait.escalated,
            waiting_on=", ".join(sorted(plan.people[pk]["name"] for pk in wait.approvers))
            or "nobody who can sign it off",
            decide_link=notifications.decide_link(wait.post_id),
            post_link=notifications.post_link(wait.post_id),
        )
    return wait.item


def _digest(person_id: int, claimed: list[tuple], plan: Plan, waits_by_version) -> OutboxMessage:
    waiting = [_item(wait, plan) for wait in plan.waiting_for.get(person_id, [])]
    escalated = [
        {
            **_item(wait, plan),
            # The approver's line manager cannot open the post; the department's approvers can.
            "link": wait.item["decide_link"] if person_id in wait.department_approvers else "",
        }
        for wait in plan.escalated_to.get(person_id, [])
    ]
    escalated_here = {
        version_id
        for _, version_id, _, _, kind, _ in claimed
        if kind == ReminderKind.ESCALATION and waits_by_version[version_id].author_id == person_id
    }
    own = [
        _item(wait, plan)
        for wait in sorted(
            (waits_by_version[version_id] for version_id in escalated_here),
            key=lambda wait: (wait.since, wait.post_id),
        )
    ]
    first_claim = min(pk for pk, *_ in claimed)
    return notifications.reminder_digest(
        key=f"reminders:{person_id}:{first_claim}",
        person=plan.people[person_id],
        waiting=waiting,
        escalated=escalated,
        own=own,
    )


def _escalation_events(claimed: list[tuple], plan: Plan, waits_by_version) -> list[AuditEvent]:
    """One audit event per escalated post: written with the author's own slot,
    which every escalation has exactly once."""
    events = []
    for _, version_id, _, recipient, kind, _ in claimed:
        wait = waits_by_version[version_id]
        if kind != ReminderKind.ESCALATION or recipient != wait.author_id:
            continue
        told = sorted(plan.people[pk]["name"] for pk in wait.escalate_to)
        events.append(
            AuditEvent(
                created_at=plan.now,
                action=AuditAction.ESCALATED,
                post_id=wait.post_id,
                version_id=version_id,
                comment=f"Waited {int(wait.hours)} working hours for the "
                f"{Stage(wait.stage).label.lower()}. Told: {', '.join(told) or 'nobody'}.",
            )
        )
    return events


def _send_batch(people: tuple[int, ...], plan: Plan, waits_by_version) -> tuple[int, int]:
    """Claim the batch's reminder slots and queue the digests that carry them,
    in one transaction. Returns (reminders claimed, digests queued)."""
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(
                    version_id=version_id,
                    stage=stage,
                    recipient_id=recipient,
                    kind=kind,
                    number=number,
                    run=plan.run,
                    created_at=plan.now,
                )
                for person in people
                for version_id, stage, recipient, kind, number in plan.due[person]
            ],
            ignore_conflicts=True,
        )
        claimed = defaultdict(list)
        for row in Reminder.objects.filter(run=plan.run, recipient_id__in=people).values_list(
            "pk", "version_id", "stage", "recipient_id", "kind", "number"
        ):
            claimed[row[3]].append(row)
        digests = [
            _digest(person, rows, plan, waits_by_version)
            for person, rows in claimed.items()
            if plan.people[person]["email"]
        ]
        if digests:
            OutboxMessage.objects.bulk_create(digests, ignore_conflicts=True)
            transaction.on_commit(kick_relay)
        events = _escalation_events(
            [row for rows in claimed.values() for row in rows], plan, waits_by_version
        )
        if events:
            AuditEvent.objects.bulk_create(events)
    return sum(len(rows) for rows in claimed.values()), len(digests)


@contextmanager
def _only_sweep() -> Iterator[bool]:
    """Whether this is the only sweep running. A session lock, not a
    transaction's, as a sweep commits in batches; PostgreSQL lets it go when
    the session ends, so a sweep killed with its worker holds it no longer."""
    if connection.vendor != "postgresql":
        # The embedded SQLite of `make run`: one machine, and the unique slots still hold.
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SWEEP_LOCK])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK])


@dataclass
class SweepResult:
    skipped: bool = False
    waiting: int = 0
    reminders: int = 0
    digests: int = 0


def send(current: Plan) -> SweepResult:
    """Send what a plan found due, one batch of people per transaction. Any
    slot another sweep has sent since the plan was made is not sent again."""
    result = SweepResult(waiting=len(current.waits))
    waits_by_version = {wait.version_id: wait for wait in current.waits}
    due = sorted(current.due)
    size = settings.APPROVALS_REMINDER_BATCH
    for start in range(0, len(due), size):
        reminders, digests = _send_batch(
            tuple(due[start : start + size]), current, waits_by_version
        )
        result.reminders += reminders
        result.digests += digests
    return result


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Send every reminder that is due, in one digest per person. Safe to run
    at any time, as often as wanted, and several at once."""
    with _only_sweep() as only:
        if not only:
            logger.info("Another reminder sweep is running: this one has nothing to do.")
            return SweepResult(skipped=True)
        return send(plan(now=now or timezone.now()))
