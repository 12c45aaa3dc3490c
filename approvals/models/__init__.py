from .advice import (
    AdviceAnswer,
    AdviceReminder,
    AdviceRequest,
    Capacity,
    DisclosureException,
    ExceptionStatus,
)
from .audit import AppendOnlyError, AuditAction, AuditEvent
from .calendar_feeds import CalendarFeed
from .comments import COMMENT_MAX, Comment
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
from .images import DepartmentCollection, PostImage, VersionImage
from .notices import Notice, NoticeKind
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
from .retention import RetentionSchedule

__all__ = [
    "COMMENT_MAX",
    "AdviceAnswer",
    "AdviceReminder",
    "AdviceRequest",
    "AppendOnlyError",
    "AuditAction",
    "AuditEvent",
    "Authority",
    "AuthorityGroup",
    "CalendarFeed",
    "Capacity",
    "Comment",
    "Decision",
    "DecisionAuthority",
    "Delegation",
    "Department",
    "DepartmentCollection",
    "DepartmentGroupObjectPermission",
    "DepartmentUserObjectPermission",
    "DisclosureException",
    "ExceptionStatus",
    "Notice",
    "NoticeKind",
    "OutboxMessage",
    "Outcome",
    "PeriodKind",
    "Post",
    "PostImage",
    "PostStatus",
    "PostVersion",
    "Reminder",
    "ReminderKind",
    "ReminderPolicy",
    "RetentionSchedule",
    "SensitivePeriod",
    "SignOffPolicy",
    "StaffProfile",
    "Stage",
    "VersionImage",
    "VersionSeen",
]
