"""Who may read which records.

Admins read every department's; a department admin (manage delegations) their
departments and those departments' agencies; a records officer (view records)
the departments where they hold it; everyone their own posts. Reading the
record gives no say over a post: deciding stays ``routing.may_decide``.
"""

from django.db.models import Q

from approvals.authority import holdings
from approvals.models import Authority, Department, Post


def departments(user) -> frozenset[int]:
    """The departments whose records ``user`` reads, computed once per request."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, "_records_departments"):
        if user.is_superuser:
            seen = holdings.managed_departments(user)
        else:
            managed = holdings.departments_with(user, Authority.MANAGE_DELEGATIONS)
            agencies = (
                frozenset(
                    Department.objects.filter(parent__in=managed).values_list("pk", flat=True)
                )
                if managed
                else frozenset()
            )
            seen = managed | agencies | holdings.departments_with(user, Authority.VIEW_RECORDS)
        user._records_departments = seen
    return user._records_departments


def keeps_records(user) -> bool:
    """Whether ``user`` reads any department's records: the register is in their
    navigation, and the audit trail's export is theirs."""
    return bool(departments(user))


def readable(user) -> Q:
    """The posts whose record ``user`` may read, as a filter on posts."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    return Q(department__in=departments(user)) | Q(author=user)


def may_read(user, post: Post) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or post.author_id == user.pk or post.department_id in departments(user)
