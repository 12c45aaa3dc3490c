"""Wagtail's user admin can neither grant nor take away delegated authority:
that is done on the department's page, which writes the audit trail."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from approvals.authority import groups as authority_groups
from approvals.models import AuditEvent, Authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, org):
    client.force_login(org.superuser)
    return client


def edit_form(client, user):
    response = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert response.status_code == 200
    return response.context["form"]


def edit_data(user, groups):
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@example.gov.uk",
        "first_name": user.first_name or "First",
        "last_name": user.last_name or "Last",
        "is_active": "on",
        "groups": [group.pk for group in groups],
        "password1": "",
        "password2": "",
    }


def test_the_user_form_offers_no_group_that_carries_authority(superuser_client, org):
    approvers = authority_groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    ordinary = Group.objects.create(name="Newsletter readers")
    offered = set(edit_form(superuser_client, org.author).fields["groups"].queryset)
    assert ordinary in offered
    assert approvers not in offered


def test_authority_cannot_be_granted_through_the_user_form(superuser_client, org):
    approvers = authority_groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    events = AuditEvent.objects.count()
    response = superuser_client.post(
        reverse("wagtailusers_users:edit", args=[org.author.pk]), edit_data(org.author, [approvers])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["groups"]
    assert not org.author.groups.filter(pk=approvers.pk).exists()
    assert AuditEvent.objects.count() == events


def test_saving_a_user_keeps_the_authority_they_hold(superuser_client, org):
    approvers = authority_groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    assert org.press.groups.filter(pk=approvers.pk).exists()
    ordinary = Group.objects.create(name="Newsletter readers")
    response = superuser_client.post(
        reverse("wagtailusers_users:edit", args=[org.press.pk]), edit_data(org.press, [ordinary])
    )
    assert response.status_code == 302
    assert set(org.press.groups.all()) == {approvers, ordinary}


def test_the_group_admin_neither_lists_nor_edits_nor_deletes_an_authority_group(
    superuser_client, org
):
    approvers = authority_groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    ordinary = Group.objects.create(name="Newsletter readers")
    listing = superuser_client.get(reverse("wagtailusers_groups:index")).content.decode()
    assert "Newsletter readers" in listing
    assert approvers.name not in listing
    for view in ("edit", "delete"):
        assert (
            superuser_client.get(
                reverse(f"wagtailusers_groups:{view}", args=[ordinary.pk])
            ).status_code
            == 200
        )
        assert (
            superuser_client.get(
                reverse(f"wagtailusers_groups:{view}", args=[approvers.pk])
            ).status_code
            == 404
        )
    superuser_client.post(reverse("wagtailusers_groups:delete", args=[approvers.pk]))
    assert Group.objects.filter(pk=approvers.pk).exists()


def assign_role(client, user, group):
    url = reverse("wagtail_bulk_action", args=["portal", "user", "assign_role"])
    return client.post(f"{url}?id={user.pk}", {"role": group.pk})


def test_the_assign_role_action_offers_no_group_that_carries_authority(superuser_client, org):
    approvers = authority_groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    ordinary = Group.objects.create(name="Newsletter readers")
    refused = assign_role(superuser_client, org.author, approvers)
    assert refused.status_code == 200
    assert refused.context["form"].errors["role"]
    assert not org.author.groups.filter(pk=approvers.pk).exists()
    assert assign_role(superuser_client, org.author, ordinary).status_code == 302
    assert org.author.groups.filter(pk=ordinary.pk).exists()
