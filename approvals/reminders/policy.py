"""Each department's reminder policy, and setting it."""

from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction

from approvals.authority import holdings
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import AuditAction, AuditEvent, Department, ReminderPolicy


def policy_for(department_id: int) -> ReminderPolicy:
    """The department's reminder policy, or the defaults when it has set none."""
    return ReminderPolicy.objects.filter(
        department_id=department_id
    ).first() or ReminderPolicy.default_for(department_id)


@transaction.atomic
def set_reminder_policy(
    *,
    department_id: int,
    by,
    first_after: int,
    repeat_every: int,
    escalate_after: int,
    urgent_within: int,
) -> ReminderPolicy:
    """A department admin sets when the department's approvers are reminded."""
    department = Department.objects.select_for_update().filter(pk=department_id).first()
    if department is None or not holdings.may_manage(by, department.pk):
        raise NotAllowed("You cannot change this department's reminders.")
    hours = {
        "first_after": first_after,
        "repeat_every": repeat_every,
        "escalate_after": escalate_after,
        "urgent_within": urgent_within,
    }
    policy = policy_for(department.pk)
    if not policy._state.adding and all(
        getattr(policy, name) == value for name, value in hours.items()
    ):
        return policy
    for name, value in hours.items():
        setattr(policy, name, value)
    policy.updated_by = by
    try:
        policy.full_clean(exclude=["department", "updated_by"])
    except ValidationError as error:
        raise ApprovalError(" ".join(_readable(error))) from error
    policy.save()
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.POLICY_CHANGED,
        department=department,
        comment=policy.describe(),
    )
    return policy


def _readable(error: ValidationError) -> list[str]:
    messages = []
    for name, field_messages in error.message_dict.items():
        if name == "__all__":
            messages += field_messages
        else:
            field = cast(models.Field, ReminderPolicy._meta.get_field(name))
            label = str(field.verbose_name).capitalize()
            messages += [f"{label}: {message}" for message in field_messages]
    return messages
