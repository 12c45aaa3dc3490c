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
so that nobody's reminders are split across two e-mails."""

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from approvals.mail import notifications
from approvals.mail.outbox import kick_relay
from approvals.models import (
    AuditAction,
    AuditEvent,
    OutboxMessage,
    Reminder,
    ReminderKind,
    Stage,
)
from approvals.reminders.planning import Plan, Wait, plan

logger = logging.getLogger(__name__)


# pg_try_advisory_lock's key for "a sweep is running": any constant unique to this use.
SWEEP_LOCK = 0x5157_6565_7001


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
