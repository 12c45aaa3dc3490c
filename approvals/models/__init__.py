from .audit import AppendOnlyError, AuditAction, AuditEvent
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
from .posts import Decision, Outcome, Post, PostStatus, PostVersion, Stage, VersionSeen

__all__ = [
    "AppendOnlyError",
    "AuditAction",
    "AuditEvent",
    "Authority",
    "AuthorityGroup",
    "Decision",
    "Delegation",
    "Department",
    "DepartmentGroupObjectPermission",
    "DepartmentUserObjectPermission",
    "OutboxMessage",
    "Outcome",
    "Post",
    "PostStatus",
    "PostVersion",
    "SignOffPolicy",
    "StaffProfile",
    "Stage",
    "VersionSeen",
]
