"""How long each step kept a post waiting, in working hours (weekends and England
and Wales bank holidays skipped: ``reminders.working_hours``).

Worked out once, when the decision is recorded, and kept on the decision
(``Decision.waited_working_hours``): the reports then take medians and
percentiles of a column in PostgreSQL rather than walking calendars for every
decision on every page.
"""

from collections.abc import Iterable
from datetime import datetime

from approvals.models import Decision, Outcome, PostVersion
from approvals.reminders.working_hours import WorkingClock


def waiting_began(version: PostVersion, earlier: Iterable[Decision]) -> datetime:
    """When the version began to wait at the step now deciding: the last approval
    of it at an earlier step, or its submission (as ``selectors.waiting_since``)."""
    approvals = [d.created_at for d in earlier if d.outcome == Outcome.APPROVED]
    return max(approvals, default=version.created_at)


def waited(version: PostVersion, earlier: Iterable[Decision], *, decided_at: datetime) -> float:
    """Working hours the version waited at this step, to ``decided_at``."""
    return WorkingClock(decided_at).hours_since(waiting_began(version, earlier))
