"""What authority a person holds, and where.

Authority is held as guardian object permissions on departments, granted through
per-department groups (see ``AuthorityGroup``); a permission counts only when it is held
in person or by the department's own group for that authority, never by a group known
only by its name. What a user holds is computed once per request and kept on the user
object, so pages that list many posts ask the database a fixed number of times however
many rows or grants there are. Deactivated users hold nothing; superusers administer
(they may grant authority anywhere) but approve nothing unless granted."""

from django.db.models import F, QuerySet

from approvals.models import (
    Authority,
    Delegation,
    Department,
    DepartmentGroupObjectPermission,
    DepartmentUserObjectPermission,
    StaffProfile,
)


def _cache(user) -> dict:
    if not hasattr(user, "_approvals_permissions"):
        user._approvals_permissions = {}
    return user._approvals_permissions


def group_grants() -> QuerySet[DepartmentGroupObjectPermission]:
    """Permissions on departments held through groups, each counted only when the
    group is the department's own group for that authority. Anyone who may make
    groups can make one with any name, or hand one a permission outside the
    services: such a group gives its members nothing."""
    return DepartmentGroupObjectPermission.objects.filter(
        group__authority__department=F("content_object"),
        group__authority__authority=F("permission__codename"),
    )


def _authority(user) -> dict[str, frozenset[int]]:
    """Every authority ``user`` holds, by department: one query, read straight from
    guardian's direct foreign-key permission tables (held in person or through a group)."""
    cache = _cache(user)
    if "authority" not in cache:
        held: dict[str, set[int]] = {authority: set() for authority in Authority}
        direct = DepartmentUserObjectPermission.objects.filter(user=user).values_list(
            "permission__codename", "content_object_id"
        )
        through_groups = (
            group_grants()
            .filter(group__user=user)
            .values_list("permission__codename", "content_object_id")
        )
        for codename, department_id in direct.union(through_groups):
            if codename in held:
                held[codename].add(department_id)
        cache["authority"] = {codename: frozenset(ids) for codename, ids in held.items()}
    return cache["authority"]


def departments_with(user, authority: Authority) -> frozenset[int]:
    """Primary keys of the departments where ``user`` holds ``authority``."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    return _authority(user)[authority]


def holds(user, authority: Authority, department_id: int) -> bool:
    return department_id in departments_with(user, authority)


def managers_covered_by(user) -> frozenset[int]:
    """Line managers whose approvals ``user`` covers today, by an active delegation."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    cache = _cache(user)
    if "covered" not in cache:
        cache["covered"] = frozenset(
            Delegation.objects.active().filter(deputy=user).values_list("delegator_id", flat=True)
        )
    return cache["covered"]


def teams(user) -> dict[int, frozenset[int]]:
    """The reports of ``user`` and of each line manager they cover today, by
    manager. Resolved to ids up front so the queue filters posts by an indexed column."""
    if not (user.is_authenticated and user.is_active):
        return {}
    cache = _cache(user)
    if "teams" not in cache:
        reports: dict[int, set[int]] = {}
        for author, manager in StaffProfile.objects.filter(
            line_manager__in={user.pk} | managers_covered_by(user)
        ).values_list("user_id", "line_manager_id"):
            reports.setdefault(manager, set()).add(author)
        cache["teams"] = {manager: frozenset(ids) for manager, ids in reports.items()}
    return cache["teams"]


def managed_departments(user) -> frozenset[int]:
    """Departments whose authority and policy ``user`` administers."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        cache = _cache(user)
        if "all" not in cache:
            cache["all"] = frozenset(Department.objects.values_list("pk", flat=True))
        return cache["all"]
    return departments_with(user, Authority.MANAGE_DELEGATIONS)


def may_manage(user, department_id: int) -> bool:
    return department_id in managed_departments(user)


def grantable(user, department_id: int) -> list[Authority]:
    """The authorities ``user`` may grant in a department: only those they hold
    themselves (superusers, who administer, may grant any)."""
    if not may_manage(user, department_id):
        return []
    if user.is_superuser:
        return list(Authority)
    return [a for a in Authority if holds(user, a, department_id)]


def may_delegate(user) -> bool:
    """Only a line manager has approvals to hand to a deputy."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.pk in teams(user)
