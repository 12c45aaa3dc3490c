"""Single sign-on through a real OpenID provider (tests/sso_provider): the
portal's own requests for its discovery document, tokens, keys and claims go
to it over HTTP; the person's visits to it are a requests session."""

import html
import itertools
import json
import logging
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from guidance.seeding import seed_guidance
from portal.auth import OrganisationAccountBackend
from portal.models import OrganisationAccount
from portal.sso import provider, sign_out
from tests.factories import PASSWORD, UserFactory
from tests.sso_provider.harness import sign_in_through

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/sso/callback/"
SIGNED_OUT = "http://testserver/accounts/login/"
PROVIDER_PASSWORD = "provider-password"
_people = itertools.count()


@pytest.fixture
def sso(identity_provider, settings):
    """The portal set up as a client of the provider, as the README says."""
    client_id, secret = identity_provider.register_client([CALLBACK], [SIGNED_OUT])
    settings.OIDC_OP_ISSUER = identity_provider.issuer
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = secret
    provider.forget()
    yield identity_provider
    provider.forget()


@pytest.fixture
def provider_session():
    """The person's browser, as the provider sees it."""
    with requests.Session() as session:
        yield session


def person(sso, email, verified=True, given="Alex", family="Author"):
    """Someone at the provider; returns their username there."""
    username = f"person-{next(_people)}"
    sso.add_person(username, PROVIDER_PASSWORD, email, given, family, email_verified=verified)
    return username


def sign_in(provider_session, client, sso, username):
    return sign_in_through(provider_session, client, sso, username, PROVIDER_PASSWORD)


def refusal_on(client, response) -> str:
    """The sign-in page the portal sent the person to, as text."""
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?sso="), response["Location"]
    return html.unescape(client.get(response["Location"]).content.decode())


def signed_in(client):
    return client.session.get("_auth_user_id")


def test_a_known_person_signs_in_and_their_account_is_linked(sso, provider_session, client):
    seed_guidance()
    alex = UserFactory(username="alex", first_name="", last_name="", email="alex@example.gov.uk")
    username = person(sso, "Alex@Example.gov.uk", given="Alex", family="Author")

    response = sign_in_through(
        provider_session, client, sso, username, PROVIDER_PASSWORD, "/accounts/sso/start/?next=/"
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in(client) == str(alex.pk)
    # Named from the provider's profile, not shown as an opaque username.
    assert "Signed in as <strong>Alex Author</strong>" in client.get("/").content.decode()
    link = OrganisationAccount.objects.get(user=alex)
    assert link.issuer == sso.issuer


def test_the_provider_is_asked_for_a_code_with_pkce_and_the_profile(sso, client):
    start = client.get(reverse("oidc_authentication_init"))
    location = urlsplit(start["Location"])
    query = parse_qs(location.query)
    assert start["Location"].startswith(sso.issuer + "/authorize")
    assert query["redirect_uri"] == [CALLBACK]
    assert query["code_challenge_method"] == ["S256"]
    assert query["scope"] == ["openid email profile"]


def test_an_unknown_person_is_refused_unless_accounts_are_made(
    sso, provider_session, client, settings
):
    username = person(sso, "new.starter@example.gov.uk", given="Nia", family="Newstarter")
    page = refusal_on(client, sign_in(provider_session, client, sso, username))
    assert "There is no account on this service for your organisation account" in page
    assert signed_in(client) is None

    settings.OIDC_CREATE_USER = True
    response = sign_in(provider_session, client, sso, username)
    assert response.status_code == 302
    assert response["Location"] != reverse("login")
    made = OrganisationAccount.objects.get().user
    assert (str(made), made.email) == ("Nia Newstarter", "new.starter@example.gov.uk")
    assert signed_in(client) == str(made.pk)


@pytest.mark.parametrize("verified", [False, None], ids=["unverified", "claim missing"])
def test_an_address_the_provider_does_not_vouch_for_signs_nobody_in(
    sso, provider_session, client, verified
):
    UserFactory(username="alex", email="alex@example.gov.uk")
    username = person(sso, "alex@example.gov.uk", verified=verified)
    page = refusal_on(client, sign_in(provider_session, client, sso, username))
    assert "Your organisation account has no confirmed work email address" in page
    assert signed_in(client) is None


def test_an_invalid_or_replayed_code_lands_on_the_sign_in_page(
    sso, provider_session, client, caplog
):
    UserFactory(username="alex", email="alex@example.gov.uk")
    username = person(sso, "alex@example.gov.uk")
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    with caplog.at_level(logging.WARNING, logger="portal.auth"):
        response = client.get(CALLBACK, {"code": "not-a-code", "state": state})
    page = refusal_on(client, response)
    assert "We could not sign you in with your organisation account" in page
    assert "invalid_grant" in caplog.text

    response = sign_in(provider_session, client, sso, username)
    assert signed_in(client) is not None
    client.logout()
    # The same return again: its state was used up and its code spent.
    again = client.get(response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"])
    assert "We could not sign you in" in refusal_on(client, again)
    assert signed_in(client) is None


def test_an_address_given_to_someone_new_does_not_open_the_old_account(
    sso, provider_session, client
):
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    old = person(sso, "alex@example.gov.uk")
    sign_in(provider_session, client, sso, old)
    assert signed_in(client) == str(alex.pk)
    client.logout()
    provider_session.cookies.clear()
    # Alex leaves; their address is given to a new Alex.
    sso.remove_person(old)
    new = person(sso, "alex@example.gov.uk", given="Alexis", family="Newman")

    page = refusal_on(client, sign_in(provider_session, client, sso, new))
    assert "linked to someone else's organisation account" in page
    assert signed_in(client) is None


def test_a_changed_address_and_name_at_the_provider_follow_the_person(
    sso, provider_session, client
):
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    username = person(sso, "alex@example.gov.uk")
    sign_in(provider_session, client, sso, username)
    client.logout()
    sso.change_email(username, "alex.author@example.gov.uk")
    sso.change_name(username, "Alexandra", "Author-Smith")

    sign_in(provider_session, client, sso, username)

    alex.refresh_from_db()
    assert signed_in(client) == str(alex.pk)
    assert (alex.email, str(alex)) == ("alex.author@example.gov.uk", "Alexandra Author-Smith")


def test_failures_from_one_address_lock_nobody_out_of_single_sign_on(sso, provider_session, client):
    UserFactory(username="alex", email="alex@example.gov.uk")
    # One office, one public address: more failed returns than the password
    # lockout allows, by different people.
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        start = client.get(reverse("oidc_authentication_init"))
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        refusal_on(client, client.get(CALLBACK, {"code": "bad", "state": state}))
    assert not AccessAttempt.objects.exists()

    response = sign_in(provider_session, client, sso, person(sso, "alex@example.gov.uk"))
    assert response.status_code == 302
    assert signed_in(client) is not None


def test_a_locked_out_password_leaves_single_sign_on_open(sso, provider_session, client):
    alex = UserFactory(username="alex", email="alex@example.gov.uk")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alex", "password": "wrong"})
    assert client.post(reverse("login"), {"username": "alex", "password": PASSWORD}).status_code
    assert signed_in(client) is None

    sign_in(provider_session, client, sso, person(sso, "alex@example.gov.uk"))
    assert signed_in(client) == str(alex.pk)


def test_signing_out_ends_the_providers_session_too(sso, provider_session, client):
    UserFactory(username="alex", email="alex@example.gov.uk")
    username = person(sso, "alex@example.gov.uk")
    sign_in(provider_session, client, sso, username)

    response = client.post(reverse("logout"))
    assert signed_in(client) is None
    assert response["Location"].startswith(sso.issuer + "/end-session")
    back = provider_session.get(response["Location"], allow_redirects=False, timeout=10)
    assert back.headers["Location"].startswith(SIGNED_OUT)
    assert "You have signed out" in client.get(back.headers["Location"]).content.decode()

    # Pressing the button again asks who they are, rather than signing the
    # last person straight back in.
    start = client.get(reverse("oidc_authentication_init"))
    at_provider = provider_session.get(start["Location"], timeout=10)
    assert "Sign in to the provider" in at_provider.text


def test_a_provider_that_cannot_be_reached_is_said_so(sso, client, settings):
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9/openid"
    provider.forget()
    page = refusal_on(client, client.get(reverse("oidc_authentication_init")))
    assert "Signing in with your organisation account is not working at the moment" in page
    # Passwords still work.
    UserFactory(username="reader")
    client.post(reverse("login"), {"username": "reader", "password": PASSWORD})
    assert signed_in(client) is not None


def test_after_a_refusal_the_person_can_sign_out_of_the_provider(sso, provider_session, client):
    username = person(sso, "nobody.here@example.gov.uk")
    page = refusal_on(client, sign_in(provider_session, client, sso, username))
    assert "Sign out of your organisation account" in page

    response = client.post(reverse("sso_leave_provider"))
    assert response["Location"].startswith(sso.issuer + "/end-session")
    provider_session.get(response["Location"], allow_redirects=False, timeout=10)
    start = client.get(reverse("oidc_authentication_init"))
    assert "Sign in to the provider" in provider_session.get(start["Location"], timeout=10).text


def test_an_id_token_is_trusted_only_when_signed_by_the_provider_for_this_service(
    sso, provider_session, client, settings
):
    UserFactory(username="alex", email="alex@example.gov.uk")
    sign_in(provider_session, client, sso, person(sso, "alex@example.gov.uk"))
    token = client.session[sign_out.ID_TOKEN_SESSION_KEY]
    backend = OrganisationAccountBackend()
    backend.read_provider()
    nonce = jwt.decode(token, options={"verify_signature": False})["nonce"]
    assert backend.verify_token(token, nonce=nonce)["iss"] == sso.issuer

    header, _, signature = token.split(".")
    forged = jwt.utils.base64url_encode(
        json.dumps({**jwt.decode(token, options={"verify_signature": False}), "sub": "1"}).encode()
    ).decode()
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(f"{header}.{forged}.{signature}", nonce=nonce)

    settings.OIDC_RP_CLIENT_ID = "another-service"
    backend.read_provider()
    with pytest.raises(SuspiciousOperation, match="the ID token is for"):
        backend.verify_token(token, nonce=nonce)
