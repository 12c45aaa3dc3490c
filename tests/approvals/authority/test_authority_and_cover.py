"""Granting authority and arranging cover: nobody grants what they do not hold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.authority import groups, holdings, services
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import AuditAction, AuditEvent, Authority, Delegation
from tests.factories import StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def grant(org, by, grantee, authority=Authority.APPROVE_POSTS, department=None):
    services.grant_authority(
        department_id=(department or org.cabinet_office).pk,
        authority=authority,
        grantee=grantee,
        by=fresh(by),
    )


def test_a_department_admin_cannot_grant_authority_they_do_not_hold(org):
    with pytest.raises(NotAllowed):
        grant(org, org.co_admin, org.colleague, Authority.APPROVE_POSTS)
    assert not holdings.holds(fresh(org.colleague), Authority.APPROVE_POSTS, org.cabinet_office.pk)


def test_a_department_admin_grants_what_they_hold_and_it_is_audited(org):
    groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.add(org.co_admin)
    grant(org, org.co_admin, org.colleague)
    assert holdings.holds(fresh(org.colleague), Authority.APPROVE_POSTS, org.cabinet_office.pk)
    event = AuditEvent.objects.get(action=AuditAction.AUTHORITY_GRANTED)
    assert (event.actor, event.subject, event.department) == (
        org.co_admin,
        org.colleague,
        org.cabinet_office,
    )


def test_holding_authority_without_managing_the_department_grants_nothing(org):
    with pytest.raises(NotAllowed):
        grant(org, org.press, org.colleague)


def test_authority_in_one_department_grants_nothing_in_another(org):
    groups.authority_group(org.treasury, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.treasury_manager
    )
    with pytest.raises(NotAllowed):
        grant(org, org.treasury_manager, org.colleague)


def test_authority_goes_only_to_the_departments_own_active_staff(org):
    with pytest.raises(ApprovalError, match="own staff"):
        grant(org, org.superuser, org.treasury_author)
    org.colleague.is_active = False
    org.colleague.save()
    with pytest.raises(ApprovalError, match="no longer active"):
        grant(org, org.superuser, fresh(org.colleague))


def test_nobody_grants_to_themself(org):
    with pytest.raises(ApprovalError, match="yourself"):
        grant(org, org.superuser, org.superuser)


def test_withdrawing_authority_is_audited_and_takes_effect(org):
    services.withdraw_authority(
        department_id=org.cabinet_office.pk,
        authority=Authority.APPROVE_POSTS,
        holder=org.press,
        by=org.superuser,
    )
    assert not holdings.holds(fresh(org.press), Authority.APPROVE_POSTS, org.cabinet_office.pk)
    assert AuditEvent.objects.filter(
        action=AuditAction.AUTHORITY_WITHDRAWN, subject=org.press
    ).exists()


def test_deactivated_users_hold_nothing(org):
    org.press.is_active = False
    org.press.save()
    assert holdings.departments_with(fresh(org.press), Authority.APPROVE_POSTS) == frozenset()


def test_only_a_line_manager_can_arrange_cover(org):
    today = timezone.localdate()
    with pytest.raises(NotAllowed):
        services.arrange_cover(
            delegator=org.colleague, deputy=org.press, starts_on=today, ends_on=today, reason="x"
        )
    delegation = services.arrange_cover(
        delegator=org.manager,
        deputy=org.press,
        starts_on=today,
        ends_on=today + timedelta(days=3),
        reason="Leave",
    )
    assert delegation.pk
    assert AuditEvent.objects.filter(
        action=AuditAction.DELEGATION_CREATED, subject=org.press
    ).exists()


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [(0, -1, "end date must be the same"), (-5, -2, "today or in the future")],
)
def test_cover_dates_must_make_sense(org, starts, ends, message):
    today = timezone.localdate()
    with pytest.raises(ApprovalError, match=message):
        services.arrange_cover(
            delegator=org.manager,
            deputy=org.press,
            starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=ends),
            reason="Leave",
        )


def test_cover_cannot_go_to_oneself_or_to_a_closed_account(org):
    today = timezone.localdate()
    with pytest.raises(ApprovalError):
        services.arrange_cover(
            delegator=org.manager, deputy=org.manager, starts_on=today, ends_on=today, reason="x"
        )
    closed = UserFactory(username="closed", is_active=False)
    StaffProfileFactory(user=closed, department=org.cabinet_office)
    with pytest.raises(ApprovalError, match="no longer active"):
        services.arrange_cover(
            delegator=org.manager, deputy=closed, starts_on=today, ends_on=today, reason="x"
        )


def test_cover_may_be_withdrawn_by_the_manager_or_a_department_admin_only(org):
    delegation = Delegation.objects.get()
    with pytest.raises(NotAllowed):
        services.withdraw_cover(delegation_id=delegation.pk, by=org.deputy)
    with pytest.raises(NotAllowed):
        services.withdraw_cover(delegation_id=delegation.pk, by=org.treasury_manager)
    services.withdraw_cover(delegation_id=delegation.pk, by=fresh(org.co_admin))
    delegation.refresh_from_db()
    assert delegation.withdrawn_at is not None


def test_the_sign_off_policy_is_set_by_department_admins_only(org):
    with pytest.raises(NotAllowed):
        services.set_signoff_policy(
            department_id=org.cabinet_office.pk, policy="always", by=fresh(org.press)
        )
    department = services.set_signoff_policy(
        department_id=org.cabinet_office.pk, policy="always", by=fresh(org.co_admin)
    )
    assert department.signoff_policy == "always"
    assert AuditEvent.objects.filter(action=AuditAction.POLICY_CHANGED).exists()
