"""Authority groups are known by their department and authority, not their names.

Links any group the old code found by its name ("<Department>: <Authority>")
and that holds that authority on that department, where the department has
no group for it yet: from now on only linked groups carry authority, so its
members keep what they held. Then gives every authority group its new label,
which carries the department's key. A group that only has such a name, with
no permission, is left as it is: an ordinary group that confers nothing.
"""

import secrets

from django.db import IntegrityError, migrations, transaction

# As they were labelled when this migration was written.
AUTHORITY_LABELS = {
    "approve_posts": "Approve posts",
    "publish_without_approval": "Publish without approval",
    "manage_delegations": "Manage delegations and authority",
}
NAME_MAX = 150
MARK_LENGTH = len(" (000000)")


def _label(department, codename):
    tail = f": {AUTHORITY_LABELS[codename]} (department {department.pk})"
    return department.name[: NAME_MAX - len(tail)] + tail


def _rename(group, base):
    for attempt in range(100):
        group.name = (
            base if attempt == 0 else f"{base[: NAME_MAX - MARK_LENGTH]} ({secrets.token_hex(3)})"
        )
        try:
            with transaction.atomic():
                group.save(update_fields=["name"])
        except IntegrityError:
            continue
        return
    raise IntegrityError(f"No free group name for {base!r}.")


def link_and_relabel(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    AuthorityGroup = apps.get_model("approvals", "AuthorityGroup")
    Department = apps.get_model("approvals", "Department")
    GroupPermission = apps.get_model("approvals", "DepartmentGroupObjectPermission")

    linked = set(AuthorityGroup.objects.values_list("department_id", "authority"))
    for department in Department.objects.all():
        for codename, authority_label in AUTHORITY_LABELS.items():
            if (department.pk, codename) in linked:
                continue
            group = Group.objects.filter(
                name=f"{department.name}: {authority_label}", authority__isnull=True
            ).first()
            holds = (
                group is not None
                and GroupPermission.objects.filter(
                    group=group, content_object=department, permission__codename=codename
                ).exists()
            )
            if holds:
                AuthorityGroup.objects.create(department=department, authority=codename, group=group)

    for link in AuthorityGroup.objects.select_related("group", "department"):
        _rename(link.group, _label(link.department, link.authority))


class Migration(migrations.Migration):
    dependencies = [("approvals", "0004_reminders")]

    operations = [migrations.RunPython(link_and_relabel, migrations.RunPython.noop)]
