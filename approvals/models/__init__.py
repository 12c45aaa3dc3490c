from .audit import AppendOnlyError, AuditAction, AuditEvent
from .calendar_feeds import CalendarFeed
from .delegations import Delegation
from .departments import (
    Authority,
    AuthorityGroup,
    Department,
    DepartmentGroupObjectPermission,
    DepartmentUserObjectPermission,
    SignOffPolicy,
    StaffProfile,
)
from .outbox import OutboxMessage
from .periods import PeriodKind, SensitivePeriod
from .posts import (
    Decision,
    DecisionAuthority,
    Outcome,
    Post,
    PostStatus,
    PostVersion,
    Stage,
    VersionSeen,
)
from .reminders import Reminder, ReminderKind, ReminderPolicy

__all__ = [
    "AppendOnlyError",
    "AuditAction",
    "AuditEvent",
    "Authority",
    "AuthorityGroup",
    "CalendarFeed",
    "Decision",
    "DecisionAuthority",
    "Delegation",
    "Department",
    "DepartmentGroupObjectPermission",
    "DepartmentUserObjectPermission",
    "OutboxMessage",
    "Outcome",
    "PeriodKind",
    "Post",
    "PostStatus",
    "PostVersion",
    "Reminder",
    "ReminderKind",
    "ReminderPolicy",
    "SensitivePeriod",
    "SignOffPolicy",
    "StaffProfile",
    "Stage",
    "VersionSeen",
]
