"""Who is who: line managers, holders of an authority and cover, and the colleagues a
person is offered when they choose someone. Who signs off a post is ``approvals.routing``'s."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from approvals.authority import cover, holdings
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


def withdrawable_cover(by, delegation_id: int) -> Delegation | None:
    """Cover still in force that ``by`` may end, or None: the same answer for cover
    that does not exist as for cover that is not theirs."""
    delegation = (
        Delegation.objects.select_related("delegator__staff_profile", "deputy")
        .filter(pk=delegation_id, withdrawn_at__isnull=True)
        .first()
    )
    if delegation is None or not cover.may_withdraw(delegation, by=by):
        return None
    return delegation


# The colleagues offered when someone is chosen. Each list is one department's staff or
# a few departments', small enough to put in the page as a <select>. The services still
# judge whoever is sent; these lists only spare people a choice the rules would refuse.


def _colleagues(**where) -> QuerySet:
    return (
        User.objects.filter(is_active=True, staff_profile__isnull=False, **where)
        .select_related("staff_profile")
        .order_by("last_name", "first_name", "username")
    )


def grantees(department: Department, *, by) -> QuerySet:
    """Authority in a department goes to its own staff, never to the admin themself."""
    return _colleagues(staff_profile__department=department).exclude(pk=by.pk)


def deputies(by, *, for_others: bool) -> QuerySet:
    """Cover goes to someone in the manager's department, or, when a department's admin
    arranges it, in any department they manage."""
    home = StaffProfile.objects.filter(user=by).values_list("department_id", flat=True)
    departments = set(home) | set(holdings.managed_departments(by))
    people = _colleagues(staff_profile__department__in=departments)
    return people if for_others else people.exclude(pk=by.pk)


def coverable_managers(by) -> QuerySet:
    """Line managers in the departments ``by`` manages, whose cover they may arrange."""
    return _colleagues(
        staff_profile__department__in=holdings.managed_departments(by),
        reports__isnull=False,
    ).distinct()
