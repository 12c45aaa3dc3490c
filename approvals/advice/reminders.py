"""Reminders of advice requests waiting for an answer, by the posts' rules.

A request waits for the manager asked and whoever covers them today. Once it
has waited the author's department's ``first_after`` working hours, they are
reminded, then every ``repeat_every``, in working hours counted by the same
clock as posts (``reminders.working_hours``): nothing adds up on a weekend or
a bank holiday, so nothing new is sent then. Each person gets one e-mail per
sweep listing every request waiting for them, oldest first. Each reminder
goes once: ``AdviceReminder`` rows carry a unique slot and are written in
the same transaction as the e-mail that carries them.

It runs each hour, five minutes after the posts' sweep (``tasks.send_advice_reminders``).
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from approvals.mail import advice as mail
from approvals.mail.outbox import kick_relay
from approvals.models import (
    AdviceReminder,
    AdviceRequest,
    Delegation,
    OutboxMessage,
    ReminderPolicy,
)
from approvals.posts.channels import Channel
from approvals.reminders.working_hours import WorkingClock


@dataclass
class AdviceSweep:
    waiting: int = 0
    reminders: int = 0
    digests: int = 0


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y, %H:%M}"


def sweep(*, now: datetime | None = None) -> AdviceSweep:
    """Send every advice reminder due: six queries to plan, however many requests,
    then three per sweep to claim and queue."""
    now = now or timezone.now()
    clock = WorkingClock(now)
    rows = list(
        AdviceRequest.objects.filter(answer="", manager__is_active=True)
        .order_by("created_at", "pk")
        .values(
            "pk",
            "manager_id",
            "department_id",
            "created_at",
            "channel",
            "author__first_name",
            "author__last_name",
            "author__username",
        )
    )
    result = AdviceSweep(waiting=len(rows))
    if not rows:
        return result
    policies = {
        policy.department_id: policy
        for policy in ReminderPolicy.objects.filter(
            department__in={row["department_id"] for row in rows}
        )
    }
    deputies: defaultdict[int, set[int]] = defaultdict(set)
    for manager_id, deputy_id in (
        Delegation.objects.active(on=timezone.localdate(now))
        .filter(delegator__in={row["manager_id"] for row in rows})
        .values_list("delegator_id", "deputy_id")
    ):
        deputies[manager_id].add(deputy_id)
    sent = set(
        AdviceReminder.objects.filter(request__answer="").values_list(
            "request_id", "recipient_id", "number"
        )
    )

    due: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)
    waiting_for: defaultdict[int, list[dict]] = defaultdict(list)
    for row in rows:
        policy = policies.get(row["department_id"]) or ReminderPolicy.default_for(
            row["department_id"]
        )
        hours = clock.hours_since(row["created_at"])
        item = {
            "author": _name(
                row["author__first_name"], row["author__last_name"], row["author__username"]
            ),
            "channel": Channel(row["channel"]).label,
            "since": _when(row["created_at"]),
            "hours": int(hours),
            "link": mail.advice_link(row["pk"]),
        }
        slot = 0
        if hours >= policy.first_after:
            slot = 1 + int((hours - policy.first_after) // policy.repeat_every)
        for person in {row["manager_id"], *deputies[row["manager_id"]]}:
            waiting_for[person].append(item)
            if slot and (row["pk"], person, slot) not in sent:
                due[person].append((row["pk"], person, slot))
    if not due:
        return result
    people = {
        pk: {"name": _name(first, last, username), "email": email}
        for pk, email, first, last, username in get_user_model()
        .objects.filter(pk__in=due.keys(), is_active=True)
        .values_list("pk", "email", "first_name", "last_name", "username")
    }
    run = uuid.uuid4()
    with transaction.atomic():
        AdviceReminder.objects.bulk_create(
            [
                AdviceReminder(
                    request_id=request_id,
                    recipient_id=recipient,
                    number=number,
                    run=run,
                    created_at=now,
                )
                for person, slots in due.items()
                if person in people
                for request_id, recipient, number in slots
            ],
            ignore_conflicts=True,
        )
        claimed: defaultdict[int, list[int]] = defaultdict(list)
        for pk, recipient in AdviceReminder.objects.filter(run=run).values_list(
            "pk", "recipient_id"
        ):
            claimed[recipient].append(pk)
        digests = [
            mail.advice_digest(
                key=f"advice-reminders:{person}:{min(pks)}",
                person=people[person],
                waiting=waiting_for[person],
            )
            for person, pks in claimed.items()
            if people[person]["email"]
        ]
        if digests:
            OutboxMessage.objects.bulk_create(digests, ignore_conflicts=True)
            transaction.on_commit(kick_relay)
    result.reminders = sum(len(pks) for pks in claimed.values())
    result.digests = len(digests)
    return result
