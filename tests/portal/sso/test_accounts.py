"""Which account a person the identity provider vouches for signs in to.

The rule alone, on PostgreSQL; the journeys through a real provider are in
test_journeys.py.
"""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from portal.models import OrganisationAccount
from portal.sso import refusals
from portal.sso.accounts import account_for
from portal.sso.refusals import Refused
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://sso.example.gov.uk"


def claims(sub="subject-1", email="alex@example.gov.uk", verified=True, **more):
    found = {"sub": sub, "email": email, **more}
    if verified is not None:
        found["email_verified"] = verified
    return found


def refusal(issuer, found):
    with pytest.raises(Refused) as refused:
        account_for(issuer, found)
    return refused.value.reason


def test_the_first_sign_in_links_the_account_with_that_address_to_the_subject():
    alex = UserFactory(username="alex", email="Alex@Example.gov.uk")
    assert account_for(ISSUER, claims(email="alex@example.GOV.uk")) == alex
    link = OrganisationAccount.objects.get()
    assert (link.user, link.issuer, link.subject) == (alex, ISSUER, "subject-1")
    assert link.last_signed_in_at is not None


def test_an_address_given_to_someone_new_does_not_give_them_the_old_account(caplog):
    UserFactory(username="alex", email="alex@example.gov.uk")
    account_for(ISSUER, claims(sub="alex-at-the-provider"))
    with caplog.at_level(logging.WARNING, logger="portal.sso.accounts"):
        assert refusal(ISSUER, claims(sub="the-new-alex")) == refusals.CONFLICT
    # Said where an admin reads it, with what they need to act on it.
    assert "the-new-alex" in caplog.text
    assert "alex-at-the-provider" in caplog.text


def test_a_changed_address_at_the_provider_follows_the_person():
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    account_for(ISSUER, claims())
    assert account_for(ISSUER, claims(email="alex.author@example.gov.uk")) == alex
    alex.refresh_from_db()
    assert alex.email == "alex.author@example.gov.uk"


def test_a_changed_address_that_is_someone_elses_account_is_refused():
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    UserFactory(username="sam", email="sam@example.gov.uk")
    account_for(ISSUER, claims())
    assert refusal(ISSUER, claims(email="sam@example.gov.uk")) == refusals.CONFLICT
    alex.refresh_from_db()
    assert alex.email == "alex@example.gov.uk"


def test_the_subject_is_the_issuers_own():
    UserFactory(username="alex", email="alex@example.gov.uk")
    account_for(ISSUER, claims())
    # Another provider's subject of the same name is not this person.
    UserFactory(username="sam", email="sam@example.gov.uk")
    sam = account_for("https://other.example", claims(email="sam@example.gov.uk"))
    assert sam.username == "sam"


@pytest.mark.parametrize("verified", [False, "false", None])
def test_only_an_address_the_provider_asserts_is_verified_signs_in(verified):
    UserFactory(username="alex", email="alex@example.gov.uk")
    assert refusal(ISSUER, claims(verified=verified)) == refusals.UNVERIFIED
    assert not OrganisationAccount.objects.exists()


def test_a_provider_that_never_sends_the_claim_can_be_trusted_when_configured():
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    with override_settings(OIDC_EMAIL_VERIFIED_CLAIM_OPTIONAL=True):
        assert account_for(ISSUER, claims(verified=None)) == alex
        # An explicit "not verified" is still refused.
        assert refusal(ISSUER, claims(sub="other", verified=False)) == refusals.UNVERIFIED


def test_nobody_is_made_an_account_unless_the_service_says_so():
    assert refusal(ISSUER, claims()) == refusals.UNKNOWN
    with override_settings(OIDC_CREATE_USER=True):
        made = account_for(ISSUER, claims(given_name="Alex", family_name="Author"))
    assert (made.username, made.email, str(made)) == (
        "alex@example.gov.uk",
        "alex@example.gov.uk",
        "Alex Author",
    )
    assert not made.has_usable_password()


def test_a_deactivated_account_stays_closed_to_its_subject():
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    account_for(ISSUER, claims())
    get_user_model().objects.filter(pk=alex.pk).update(is_active=False)
    assert refusal(ISSUER, claims()) == refusals.UNKNOWN


def test_names_follow_the_provider_at_every_sign_in():
    alex = UserFactory(username="alex", email="alex@example.gov.uk", first_name="", last_name="")
    account_for(ISSUER, claims(given_name="Alex", family_name="Author"))
    account_for(ISSUER, claims(given_name="Alexandra", family_name="Author-Smith"))
    alex.refresh_from_db()
    assert str(alex) == "Alexandra Author-Smith"
