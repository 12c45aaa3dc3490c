"""The data migration that moves authority groups from their names to their keys."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from guardian.shortcuts import assign_perm

from approvals.authority import groups as authority_groups
from approvals.authority import holdings
from approvals.models import Authority, AuthorityGroup
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("approvals.migrations.0005_authority_groups_by_key")


def run_migration():
    """The migration's step, on the models as they stood before it (its schema is theirs)."""
    state = MigrationLoader(connection).project_state(("approvals", "0004_reminders"))
    migration.link_and_relabel(state.apps, None)


def approvers_named(department, name) -> Group:
    """The department's approvers' group, named as the old code named it."""
    group = Group.objects.get(
        authority__department=department, authority__authority=Authority.APPROVE_POSTS
    )
    Group.objects.filter(pk=group.pk).update(name=name)
    return group


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_groups_the_old_code_found_by_name_keep_their_authority_and_get_labels(org):
    ccs = DepartmentFactory(name="Crown Commercial Service", slug="ccs")
    buyer = UserFactory(username="buyer")
    StaffProfileFactory(user=buyer, department=ccs)
    by_name = Group.objects.create(name="Crown Commercial Service: Approve posts")
    assign_perm(f"approvals.{Authority.APPROVE_POSTS}", by_name, ccs)
    by_name.user_set.add(buyer)
    named_only = Group.objects.create(name="Crown Commercial Service: Publish without approval")
    named_only.user_set.add(buyer)
    approvers_named(org.cabinet_office, "Cabinet Office: Approve posts")
    assert not holdings.holds(fresh(buyer), Authority.APPROVE_POSTS, ccs.pk)

    run_migration()

    link = AuthorityGroup.objects.get(department=ccs, authority=Authority.APPROVE_POSTS)
    assert link.group == by_name
    assert holdings.holds(fresh(buyer), Authority.APPROVE_POSTS, ccs.pk)
    assert not holdings.holds(fresh(buyer), Authority.PUBLISH_WITHOUT_APPROVAL, ccs.pk)
    assert not AuthorityGroup.objects.filter(group=named_only).exists()
    for link in AuthorityGroup.objects.select_related("group", "department"):
        assert link.group.name == authority_groups.label(link.department, Authority(link.authority))
    assert holdings.holds(fresh(org.press), Authority.APPROVE_POSTS, org.cabinet_office.pk)


def test_a_label_already_taken_does_not_stop_the_migration(org):
    approvers = approvers_named(org.cabinet_office, "Cabinet Office: Approve posts")
    taken = Group.objects.create(
        name=authority_groups.label(org.cabinet_office, Authority.APPROVE_POSTS)
    )

    run_migration()

    approvers.refresh_from_db()
    assert approvers.name.startswith(taken.name) and approvers.name != taken.name
    assert holdings.holds(fresh(org.press), Authority.APPROVE_POSTS, org.cabinet_office.pk)
