"""Single sign-on with OpenID Connect when it is set up; local accounts otherwise.

What a password can and cannot do beside single sign-on; no identity
provider is needed for any of it. Signing in through a real provider is in
tests/portal/sso/test_journeys.py.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

IDP = "https://sso.example.gov.uk"
OIDC = {
    "OIDC_RP_CLIENT_ID": "participating-online",
    "OIDC_RP_CLIENT_SECRET": "client-secret",
    "OIDC_OP_ISSUER": IDP,
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
def test_a_failed_return_from_the_identity_provider_is_explained(client):
    response = client.get(reverse("oidc_authentication_callback") + "?error=access_denied")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "We could not sign you in with your organisation account" in page


@override_settings(**OIDC)
def test_a_password_never_reaches_the_identity_provider(client):
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
