"""Single sign-on with OpenID Connect when it is set up; local accounts otherwise.

No identity provider is contacted: the backend's calls to one are replaced.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse

from portal.auth import OrganisationAccountBackend
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

IDP = "https://sso.example.gov.uk"
OIDC = {
    "OIDC_RP_CLIENT_ID": "participating-online",
    "OIDC_RP_CLIENT_SECRET": "client-secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{IDP}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{IDP}/token",
    "OIDC_OP_USER_ENDPOINT": f"{IDP}/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{IDP}/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}
SSO_BUTTON = "Sign in with your organisation account"
REQUIRED = "you must sign in with your organisation account"


def sign_in(client, username, url=None):
    url = url or reverse("login")
    return client.post(url, {"username": username, "password": PASSWORD})


def test_without_single_sign_on_there_is_no_button_and_no_way_in(client):
    assert SSO_BUTTON not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


@override_settings(**OIDC)
def test_the_sign_in_page_offers_the_organisation_account(client):
    page = client.get(reverse("login") + "?next=/search/").content.decode()
    assert SSO_BUTTON in page
    assert f'href="{reverse("oidc_authentication_init")}?next=%2Fsearch%2F"' in page


@override_settings(**OIDC)
def test_the_button_sends_a_signed_out_person_to_the_identity_provider(client):
    response = client.get(reverse("oidc_authentication_init") + "?next=/search/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{IDP}/authorize"
    query = parse_qs(location.query)
    assert query["client_id"] == ["participating-online"]
    assert query["redirect_uri"] == ["http://testserver" + reverse("oidc_authentication_callback")]
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"][0] in client.session["oidc_states"]


@override_settings(**OIDC)
def test_a_failed_return_from_the_identity_provider_is_explained(client):
    response = client.get(reverse("oidc_authentication_callback") + "?error=access_denied")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "We could not sign you in with your organisation account" in page


@pytest.fixture
def provider(monkeypatch):
    """An identity provider that vouches for whatever claims a test gives it."""
    claims = {}

    def token(self, payload):
        assert payload["code"] == "the-code"
        return {"id_token": "id", "access_token": "access"}

    def verify(self, token, nonce=None):
        return {"nonce": nonce}

    monkeypatch.setattr(OrganisationAccountBackend, "get_token", token)
    monkeypatch.setattr(OrganisationAccountBackend, "verify_token", verify)
    monkeypatch.setattr(OrganisationAccountBackend, "get_userinfo", lambda self, *a: claims)
    return claims


@override_settings(**OIDC)
def test_coming_back_from_the_identity_provider_signs_in_the_matching_account(client, provider):
    alex = UserFactory(username="alex", email="Alex.Author@example.gov.uk")
    provider.update(email="alex.author@EXAMPLE.gov.uk", email_verified=True)
    start = client.get(reverse("oidc_authentication_init") + "?next=/search/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(
        reverse("oidc_authentication_callback"), {"code": "the-code", "state": state}
    )
    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert client.session["_auth_user_id"] == str(alex.pk)


@override_settings(**OIDC)
def test_accounts_are_matched_by_verified_email_and_never_made_unless_asked(provider):
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    UserFactory(username="gone", email="gone@example.gov.uk", is_active=False)
    backend = OrganisationAccountBackend()
    matching = backend.filter_users_by_claims
    assert list(matching({"email": "ALEX@example.gov.uk"})) == [alex]
    assert not matching({"email": "alex@example.gov.uk", "email_verified": False}).exists()
    assert not matching({"email": "gone@example.gov.uk"}).exists()
    assert not matching({}).exists()

    provider.update(email="new@example.gov.uk")
    assert backend.get_or_create_user("access", "id", {}) is None
    with override_settings(OIDC_CREATE_USER=True):
        made = backend.get_or_create_user("access", "id", {})
    assert made.email == "new@example.gov.uk"


@override_settings(**OIDC)
def test_a_password_never_reaches_the_identity_provider(client, provider):
    UserFactory(username="alex")
    # The provider's code and state in the address must not make a password
    # sign-in into a single sign-on one.
    response = client.post(
        reverse("login") + "?code=the-code&state=x", {"username": "alex", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@override_settings(**OIDC, SSO_REQUIRED_FOR_STAFF=True)
@pytest.mark.parametrize("url", [reverse("login"), "/admin/login/"])
def test_staff_must_use_single_sign_on_when_it_is_required(client, url):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    response = sign_in(client, "admin", url)
    assert response.status_code == 200
    assert REQUIRED in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(**OIDC, SSO_REQUIRED_FOR_STAFF=True)
def test_editors_who_can_use_the_admin_must_use_it_too(client):
    editors = Group.objects.create(name="Admin users")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    UserFactory(username="editor").groups.add(editors)
    assert REQUIRED in sign_in(client, "editor").content.decode()


@override_settings(**OIDC, SSO_REQUIRED_FOR_STAFF=True)
def test_everyone_else_may_still_use_a_password(client):
    UserFactory(username="reader")
    response = sign_in(client, "reader")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@override_settings(**OIDC, SSO_REQUIRED_FOR_STAFF=True)
def test_a_wrong_password_for_staff_says_nothing_about_single_sign_on(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    page = client.post(reverse("login"), {"username": "admin", "password": "wrong"})
    assert REQUIRED not in page.content.decode()


@override_settings(**OIDC)
def test_staff_may_use_a_password_when_single_sign_on_is_not_required(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    assert sign_in(client, "admin").status_code == 302


def test_a_single_sign_on_session_outlives_switching_it_off_but_not_deactivation(client):
    alex = UserFactory(username="alex")
    with override_settings(**OIDC):
        client.force_login(alex, backend="portal.auth.OrganisationAccountBackend")
    assert client.get(reverse("accessibility")).context["user"] == alex
    alex.is_active = False
    alex.save()
    assert client.get("/").status_code == 302
