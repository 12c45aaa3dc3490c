"""Every change to who may act: cover between line managers and their deputies, authority
granted and withdrawn in a department, and its sign-off policy. Each runs in one
transaction, re-checks permission on the locked rows and writes the audit trail."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from approvals.authority import cover, holdings
from approvals.authority.groups import authority_group
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Delegation,
    Department,
    SignOffPolicy,
    StaffProfile,
)


@transaction.atomic
def arrange_cover(
    *, delegator, deputy, starts_on: date, ends_on: date, reason: str, by=None
) -> Delegation:
    """A line manager names a deputy to cover their sign-off between two dates, or an
    admin of their department (``by``) does it for them. See ``approvals.authority.cover``."""
    by = by or delegator
    cover.check_people(delegator=delegator, deputy=deputy, by=by)
    cover.check_dates(starts_on=starts_on, ends_on=ends_on)
    # One manager's cover is arranged one at a time, so that two at once cannot
    # both find the dates free.
    type(delegator).objects.select_for_update().filter(pk=delegator.pk).first()
    cover.check_not_already_covered(
        delegator=delegator, deputy=deputy, starts_on=starts_on, ends_on=ends_on
    )
    delegation = Delegation.objects.create(
        delegator=delegator,
        deputy=deputy,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
    )
    dates = f"{starts_on:%d %B %Y} to {ends_on:%d %B %Y}"
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.DELEGATION_CREATED,
        subject=deputy,
        comment=(
            f"{dates}: {delegation.reason}"
            if by.pk == delegator.pk
            else f"For {delegator}, {dates}: {delegation.reason}"
        ),
    )
    return delegation


@transaction.atomic
def withdraw_cover(*, delegation_id: int, by) -> Delegation:
    """The manager who gave cover, or an admin of their department, may end it
    (``cover.may_withdraw``)."""
    delegation = (
        Delegation.objects.select_for_update(of=("self",))
        .select_related("delegator__staff_profile")
        .filter(pk=delegation_id)
        .first()
    )
    if delegation is None:
        raise NotAllowed("Cover not found.")
    if not cover.may_withdraw(delegation, by=by):
        raise NotAllowed("You cannot withdraw this cover.")
    if delegation.withdrawn_at is not None:
        return delegation
    delegation.withdrawn_at = timezone.now()
    delegation.save(update_fields=["withdrawn_at"])
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.DELEGATION_WITHDRAWN,
        subject=delegation.deputy,
        comment=str(delegation),
    )
    return delegation


def _check_may_grant(by, department: Department, authority: Authority) -> None:
    if authority not in holdings.grantable(by, department.pk):
        raise NotAllowed("You cannot grant or withdraw that authority in this department.")


def _record_authority(action: AuditAction, by, department, person, authority: Authority) -> None:
    AuditEvent.objects.create(
        actor=by, action=action, department=department, subject=person, comment=authority.label
    )


@transaction.atomic
def grant_authority(*, department_id: int, authority: str, grantee, by) -> None:
    department = Department.objects.select_for_update().get(pk=department_id)
    authority = Authority(authority)
    _check_may_grant(by, department, authority)
    if grantee.pk == by.pk:
        raise ApprovalError("You cannot grant authority to yourself.")
    if not grantee.is_active:
        raise ApprovalError("That person's account is no longer active.")
    profile = StaffProfile.objects.filter(user=grantee).first()
    if profile is None or profile.department_id != department.pk:
        raise ApprovalError(f"Authority in {department} can only be granted to its own staff.")
    group = authority_group(department, authority)
    if group.user_set.filter(pk=grantee.pk).exists():
        raise ApprovalError(f"{grantee} already holds that authority.")
    group.user_set.add(grantee)
    _record_authority(AuditAction.AUTHORITY_GRANTED, by, department, grantee, authority)


@transaction.atomic
def withdraw_authority(*, department_id: int, authority: str, holder, by) -> None:
    department = Department.objects.select_for_update().get(pk=department_id)
    authority = Authority(authority)
    _check_may_grant(by, department, authority)
    group = authority_group(department, authority)
    if not group.user_set.filter(pk=holder.pk).exists():
        raise ApprovalError(f"{holder} does not hold that authority.")
    group.user_set.remove(holder)
    _record_authority(AuditAction.AUTHORITY_WITHDRAWN, by, department, holder, authority)


@transaction.atomic
def set_signoff_policy(
    *,
    department_id: int,
    policy: str,
    by,
    accessibility_findings_need_second_step: bool | None = None,
) -> Department:
    """Set when posts need the department's second sign-off, and (unless None) whether
    accessibility findings alone send a post there when the policy asks on findings."""
    department = Department.objects.select_for_update().get(pk=department_id)
    if not holdings.may_manage(by, department.pk):
        raise NotAllowed("You cannot change this department's policy.")
    policy = SignOffPolicy(policy)
    accessibility = (
        department.accessibility_findings_need_second_step
        if accessibility_findings_need_second_step is None
        else accessibility_findings_need_second_step
    )
    comment = policy.label
    if department.accessibility_findings_need_second_step != accessibility:
        comment += (
            ". Accessibility findings alone "
            f"{'now send' if accessibility else 'no longer send'} a post to the second step."
        )
    if department.signoff_policy != policy or comment != policy.label:
        department.signoff_policy = policy
        department.accessibility_findings_need_second_step = accessibility
        department.save(update_fields=["signoff_policy", "accessibility_findings_need_second_step"])
        AuditEvent.objects.create(
            actor=by, action=AuditAction.POLICY_CHANGED, department=department, comment=comment
        )
    return department
