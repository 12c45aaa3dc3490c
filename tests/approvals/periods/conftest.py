from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority, PeriodKind
from approvals.periods import services
from tests.approvals.conftest import _staff

LONDON = ZoneInfo("Europe/London")


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def sensitive_approver(org):
    """Holds the authority to approve in sensitive periods in the Cabinet Office."""
    person = _staff("sensitive", org.cabinet_office, "Director of communications")
    groups.authority_group(org.cabinet_office, Authority.APPROVE_IN_SENSITIVE_PERIODS).user_set.add(
        person
    )
    return person


@pytest.fixture
def declare(org):
    """Declare a period as the admin: from ``starts_at`` to ``ends_at`` (None:
    open-ended) when given, else starting in ``starts_in`` and lasting ``lasts``."""

    def _declare(
        starts_at=None,
        ends_at=None,
        departments=None,
        *,
        starts_in=timedelta(days=1),
        lasts=timedelta(days=3),
        **fields,
    ):
        if starts_at is None:
            starts_at = timezone.now() + starts_in
            ends_at = starts_at + lasts if lasts else None
        fields.setdefault("name", "General election 2029")
        fields.setdefault("kind", PeriodKind.PRE_ELECTION)
        fields.setdefault("guidance", "Say nothing new about policy.")
        return services.declare(
            by=org.superuser,
            starts_at=starts_at,
            ends_at=ends_at,
            all_departments=departments is None,
            departments=departments or [],
            **fields,
        )

    return _declare
