"""The groups through which authority is granted, one per department and authority.

A group is found by its ``AuthorityGroup`` row (department and authority),
never by its name: the name is only a label for people reading lists of
groups. Anyone allowed to make groups can make one with any name, so a name
must neither hand its members authority nor, by being taken already, stop a
grant or a rename.
"""

import secrets
from typing import cast

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from guardian.shortcuts import assign_perm

from approvals.models import Authority, AuthorityGroup, Department

NAME_MAX = cast(int, Group._meta.get_field("name").max_length)
# What marks a label already taken: a space and six hex digits in brackets.
MARK_LENGTH = len(" (000000)")


def label(department: Department, authority: Authority) -> str:
    """The name an authority group should have: the department's name, shortened
    to fit, then the authority and the department's key."""
    tail = f": {authority.label} (department {department.pk})"
    return department.name[: NAME_MAX - len(tail)] + tail


def _labelled(base: str, attempt: int) -> str:
    if attempt == 0:
        return base
    return f"{base[: NAME_MAX - MARK_LENGTH]} ({secrets.token_hex(3)})"


def _bears(name: str, base: str) -> bool:
    """Whether ``name`` is ``base``, or ``base`` marked because it was taken."""
    return name == base or name.startswith(f"{base[: NAME_MAX - MARK_LENGTH]} (")


def _save_name(group: Group, base: str) -> None:
    """Name ``group`` ``base``, or ``base`` with a random mark when another group
    already has that name; each try in a savepoint, so a clash costs nothing."""
    for attempt in range(100):
        group.name = _labelled(base, attempt)
        try:
            with transaction.atomic():
                group.save()
        except IntegrityError:
            continue
        return
    raise IntegrityError(f"No free group name for {base!r}.")


@transaction.atomic
def authority_group(department: Department, authority: Authority) -> Group:
    """The group that carries one authority in one department, made on first use."""
    found = AuthorityGroup.objects.select_related("group").filter(
        department=department, authority=authority
    )
    link = found.first()
    if link is None:
        # Two first grants at once would otherwise both make a group.
        Department.objects.select_for_update().filter(pk=department.pk).first()
        link = found.first()
    if link is not None:
        return link.group
    group = Group()
    _save_name(group, label(department, authority))
    assign_perm(f"approvals.{authority}", group, department)
    if authority == Authority.MANAGE_DELEGATIONS:
        # Department admins manage authority in the Wagtail admin too; access to it
        # follows the authority as it is granted and withdrawn.
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    AuthorityGroup.objects.create(department=department, authority=authority, group=group)
    return group


def relabel(department: Department) -> None:
    """Keep the department's groups' labels in step with its name."""
    for link in AuthorityGroup.objects.filter(department=department).select_related("group"):
        base = label(department, Authority(link.authority))
        if not _bears(link.group.name, base):
            _save_name(link.group, base)


def department_saved(sender, instance: Department, update_fields=None, **kwargs) -> None:
    if update_fields is None or "name" in update_fields:
        with transaction.atomic():
            relabel(instance)
