"""Single sign-on against a real OpenID provider (tests/sso_provider): the
portal's own requests for tokens, keys and claims go to it over HTTP."""

import pytest
import requests
from django.urls import reverse

from guidance.seeding import seed_guidance
from tests.factories import UserFactory
from tests.sso_provider.harness import StayedAtProvider, discovery, sign_in_through

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/sso/callback/"


@pytest.fixture
def sso(identity_provider, settings):
    """The portal set up as a client of the provider, as its settings would be."""
    client_id, secret = identity_provider.register_client([CALLBACK], [])
    endpoints = discovery(identity_provider)
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = secret
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = endpoints["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = endpoints["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = endpoints["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = endpoints["jwks_uri"]
    settings.OIDC_RP_SCOPES = "openid email profile"
    return identity_provider


@pytest.fixture
def provider_session():
    """The person's browser, as the provider sees it."""
    with requests.Session() as session:
        yield session


def test_signing_in_at_the_provider_signs_in_the_account_with_that_email(
    sso, provider_session, client
):
    seed_guidance()
    UserFactory(username="sam", first_name="Sam", last_name="Smith", email="sam@example.gov.uk")
    sso.add_person("sam-real", "provider-pw", "SAM@example.gov.uk", "Samantha", "Smith")

    response = sign_in_through(provider_session, client, sso, "sam-real", "provider-pw")

    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("login")), response["Location"]
    assert "Signed in as <strong>Sam Smith</strong>" in client.get("/").content.decode()


def test_a_wrong_password_at_the_provider_stays_on_its_login_page(sso, provider_session, client):
    sso.add_person("wrong-pw", "provider-pw", "wrong-pw@example.gov.uk")

    with pytest.raises(StayedAtProvider) as stayed:
        sign_in_through(provider_session, client, sso, "wrong-pw", "not-the-password")

    page = stayed.value.response
    assert page.status_code == 200
    assert "Sign in to the provider" in page.text
    assert "code=" not in page.url
    assert "_auth_user_id" not in client.session
