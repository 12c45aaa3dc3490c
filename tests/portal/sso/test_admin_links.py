"""Admins settle a refused single sign-on by removing the account's link."""

import pytest
from django.urls import NoReverseMatch, reverse

from portal.models import OrganisationAccount
from portal.sso import refusals
from portal.sso.accounts import account_for
from portal.sso.refusals import Refused
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://sso.example.gov.uk"


def claims(sub, email="alex@example.gov.uk"):
    return {"sub": sub, "email": email, "email_verified": True}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def test_an_admin_finds_the_link_and_removes_it_so_the_new_subject_can_link(admin_client):
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    account_for(ISSUER, claims("the-old-alex"))
    with pytest.raises(Refused) as refused:
        account_for(ISSUER, claims("the-new-alex"))
    assert refused.value.reason == refusals.CONFLICT

    index = admin_client.get(reverse("organisation_accounts:index"), {"q": "alex@example"})
    assert "the-old-alex" in index.content.decode()
    link = OrganisationAccount.objects.get()
    delete = reverse("organisation_accounts:delete", args=[link.pk])
    assert admin_client.post(delete).status_code == 302

    assert account_for(ISSUER, claims("the-new-alex")) == alex
    assert OrganisationAccount.objects.get().subject == "the-new-alex"


def test_links_are_made_only_by_signing_in():
    for view in ("add", "edit"):
        with pytest.raises(NoReverseMatch):
            reverse(f"organisation_accounts:{view}", args=[] if view == "add" else [1])


def test_people_without_the_permission_see_nothing_of_the_links(client):
    UserFactory(username="alex", email="alex@example.gov.uk")
    account_for(ISSUER, claims("subject-of-alex"))
    client.force_login(UserFactory(username="editor", is_staff=True))
    response = client.get(reverse("organisation_accounts:index"))
    assert "subject-of-alex" not in response.content.decode()
    assert response.status_code in (302, 403)
