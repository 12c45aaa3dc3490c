"""Who is who: line managers, holders of an authority and cover. Who signs off a post
is ``approvals.routing``'s."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from approvals.models import (
    Authority,
    Delegation,
    Department,
    StaffProfile,
)

User = get_user_model()


def line_manager_id(author) -> int | None:
    profile = StaffProfile.objects.filter(user=author).values("line_manager_id").first()
    return profile["line_manager_id"] if profile else None


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
