from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority, PeriodKind
from approvals.periods import services

LONDON = ZoneInfo("Europe/London")


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def sensitive_approver(org):
    """Holds approve-in-sensitive-periods in the Cabinet Office (through its group)."""
    groups.authority_group(org.cabinet_office, Authority.APPROVE_IN_SENSITIVE_PERIODS).user_set.add(
        org.co_admin
    )
    return org.co_admin


@pytest.fixture
def declare(org):
    def _declare(starts_at=None, ends_at=None, departments=None, **fields):
        starts_at = starts_at or timezone.now() + timedelta(days=1)
        fields.setdefault("name", "General election 2027")
        fields.setdefault("kind", PeriodKind.PRE_ELECTION)
        return services.declare(
            by=org.superuser,
            starts_at=starts_at,
            ends_at=ends_at,
            all_departments=departments is None,
            departments=departments or [],
            **fields,
        )

    return _declare
