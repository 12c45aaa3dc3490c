"""Each decision records, when it is taken, under which authority: what the
register and the record say years later, whoever manages or covers by then."""

import pytest

from approvals.models import Decision, DecisionAuthority, Delegation
from tests.approvals.conftest import RISKY_TEXT
from tests.approvals.records.conftest import decide

pytestmark = pytest.mark.django_db


def authorities(post):
    return [
        (d.stage, d.decided_by, d.authority)
        for d in Decision.objects.filter(version__post=post).order_by("created_at", "pk")
    ]


def test_line_manager_then_department_approver(org, make_post):
    post = decide(make_post(org.author, text=RISKY_TEXT), org.manager)
    post = decide(post, org.press)
    assert authorities(post) == [
        ("line_manager", org.manager, DecisionAuthority.LINE_MANAGER),
        ("department", org.press, DecisionAuthority.DEPARTMENT),
    ]


def test_a_deputy_decides_as_covering_deputy_and_it_stays_so(org, make_post):
    post = decide(make_post(org.author), org.deputy)
    # The cover ends and the deputy becomes the line manager: the record still
    # says they decided as the covering deputy.
    Delegation.objects.all().delete()
    org.author.staff_profile.line_manager = org.deputy
    org.author.staff_profile.save()
    assert authorities(post) == [("line_manager", org.deputy, DecisionAuthority.COVER)]
