from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.authority import groups
from approvals.models import Authority
from approvals.periods import services
from tests.approvals.conftest import _staff


@pytest.fixture
def as_user(client):
    def _as(user):
        client.force_login(user)
        return client

    return _as


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
    def _declare(starts_in=timedelta(days=1), lasts=timedelta(days=3), departments=None, **kw):
        start = timezone.now() + starts_in
        return services.declare(
            by=org.superuser,
            name=kw.pop("name", "General election 2029"),
            kind=kw.pop("kind", "pre_election"),
            starts_at=start,
            ends_at=start + lasts if lasts else None,
            all_departments=departments is None,
            departments=departments or [],
            guidance=kw.pop("guidance", "Say nothing new about policy."),
        )

    return _declare
