"""How long each step kept a post waiting, in working hours (weekends and England
and Wales bank holidays skipped: ``reminders.working_hours``).

Worked out once, when the decision is recorded, and kept on the decision
(``Decision.waited_working_hours`` and ``working_hours_since_submission``): the
reports then take medians and percentiles of a column in PostgreSQL rather than
walking calendars for every decision on every page.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from approvals.models import Decision, Outcome, PostVersion
from approvals.reminders.working_hours import WorkingClock


def waiting_began(version: PostVersion, earlier: Iterable[Decision]) -> datetime:
    """When the version began to wait at the step now deciding: the last approval
    of it at an earlier step, or its submission (as ``selectors.waiting_since``)."""
    approvals = [d.created_at for d in earlier if d.outcome == Outcome.APPROVED]
    return max(approvals, default=version.created_at)


@dataclass(frozen=True)
class Waited:
    at_step: float
    since_submission: float


def waited(version: PostVersion, earlier: Iterable[Decision], *, decided_at: datetime) -> Waited:
    """Working hours the version waited at this step, and since it was submitted,
    to ``decided_at``."""
    clock = WorkingClock(decided_at)
    return Waited(
        at_step=clock.hours_since(waiting_began(version, earlier)),
        since_submission=clock.hours_since(version.created_at),
    )


def kept(waits: Waited, *, ends_sign_off: bool) -> dict:
    """The decision's fields that keep them."""
    return {
        "waited_working_hours": waits.at_step,
        "working_hours_since_submission": waits.since_submission,
        "ends_sign_off": ends_sign_off,
    }
