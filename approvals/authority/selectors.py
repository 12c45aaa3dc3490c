"""Who is who: line managers, department approvers, holders of an authority and cover."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from approvals.authority import holdings
from approvals.models import (
    Authority,
    Delegation,
    Department,
    DepartmentUserObjectPermission,
    StaffProfile,
)

User = get_user_model()


def line_manager_id(author) -> int | None:
    profile = StaffProfile.objects.filter(user=author).values("line_manager_id").first()
    return profile["line_manager_id"] if profile else None


def line_manager_approvers(author) -> list:
    """The author's line manager and their active deputies: who decides the first step."""
    manager_id = line_manager_id(author)
    if manager_id is None:
        return []
    deputies = Delegation.objects.active().filter(delegator_id=manager_id).values("deputy_id")
    return list(
        User.objects.filter(Q(pk=manager_id) | Q(pk__in=deputies), is_active=True).order_by("pk")
    )


def department_approvers(department: Department) -> list:
    """Active people holding approve-posts on the department, directly or through its group."""
    direct = DepartmentUserObjectPermission.objects.filter(
        content_object=department, permission__codename=Authority.APPROVE_POSTS
    ).values("user")
    through_groups = (
        holdings.group_grants()
        .filter(content_object=department, permission__codename=Authority.APPROVE_POSTS)
        .values("group__user")
    )
    return list(
        User.objects.filter(Q(pk__in=direct) | Q(pk__in=through_groups), is_active=True).order_by(
            "last_name", "first_name", "pk"
        )
    )


def holders_of(department: Department, authority: Authority) -> list:
    """Who holds one authority in a department through its group."""
    return list(
        User.objects.filter(
            groups__authority__department=department, groups__authority__authority=authority
        ).order_by("last_name", "first_name", "pk")
    )


def cover_given_by(user) -> QuerySet[Delegation]:
    return Delegation.objects.filter(delegator=user).select_related("deputy").order_by("-starts_on")


def cover_held_by(user) -> QuerySet[Delegation]:
    return Delegation.objects.filter(deputy=user).select_related("delegator").order_by("-starts_on")
