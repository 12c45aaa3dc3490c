"""Signing in with the organisation account, in a browser, through a real
OpenID provider (tests/sso_provider): what a person sees at each step, and
that each page of the portal they reach is accessible."""

import itertools
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from playwright.sync_api import expect

from guidance.seeding import seed_guidance
from portal.auth import SSO_REQUIRED_MESSAGE
from portal.sso import provider, refusals
from tests.browser.axe import assert_accessible
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDER_PASSWORD = "provider-password"
SSO_BUTTON = "Sign in with your organisation account"
_people = itertools.count()


@pytest.fixture(scope="session")
def sso_client(identity_provider, live_server):
    """The portal registered at the provider once: the live server's address
    lasts the session, as the provider's clients do."""
    return identity_provider.register_client(
        [f"{live_server.url}/accounts/sso/callback/"], [f"{live_server.url}/accounts/login/"]
    )


@pytest.fixture
def sso(identity_provider, sso_client, settings):
    """The portal set up as the provider's client, as the README says."""
    settings.OIDC_OP_ISSUER = identity_provider.issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = sso_client
    provider.forget()
    seed_guidance()
    yield identity_provider
    provider.forget()


def person(sso, email, given="Alex", family="Author", verified=True):
    """Someone at the provider, with a username of their own; returns it."""
    username = f"browser-person-{next(_people)}"
    sso.add_person(username, PROVIDER_PASSWORD, email, given, family, email_verified=verified)
    return username


def sign_in_at_provider(page, username):
    """On the provider's login page, as the person would."""
    expect(page.get_by_role("button", name="Sign in to the provider")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    page.wait_for_load_state()


def sign_in_with_sso(page, live_server, username, start="/accounts/login/"):
    page.goto(live_server.url + start)
    page.get_by_role("button", name=SSO_BUTTON).click()
    sign_in_at_provider(page, username)


def expect_signed_in_as(page, name):
    expect(page.locator(".portal-signed-in .govuk-service-navigation__text")).to_have_text(
        f"Signed in as {name}"
    )


def expect_refused(page, live_server, reason):
    """On the sign-in page, with the banner saying why and what to do."""
    heading, what_to_do = refusals.MESSAGES[reason]
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?sso={reason}")
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text(heading)
    expect(banner).to_contain_text(what_to_do)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.locator(".portal-signed-in")).to_have_count(0)
    assert_accessible(page)


def return_with_a_bad_code(page, live_server):
    """Back from the provider with a code it never gave, for a state this browser asked for."""
    start = page.context.request.get(f"{live_server.url}/accounts/sso/start/", max_redirects=0)
    state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
    page.goto(f"{live_server.url}/accounts/sso/callback/?code=bad&state={state}")


def test_a_person_signs_in_with_their_organisation_account(sso, page, live_server):
    UserFactory(username="alex", first_name="", last_name="", email="alex@example.gov.uk")
    username = person(sso, "alex@example.gov.uk", "Alex", "Author")

    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name=SSO_BUTTON).click()
    sign_in_at_provider(page, username)

    expect(page).to_have_url(f"{live_server.url}/")
    expect_signed_in_as(page, "Alex Author")
    assert_accessible(page)


def test_an_unknown_person_is_refused_unless_accounts_are_made(sso, page, live_server, settings):
    username = person(sso, "nia.newstarter@example.gov.uk", "Nia", "Newstarter")

    sign_in_with_sso(page, live_server, username)
    expect_refused(page, live_server, refusals.UNKNOWN)

    settings.OIDC_CREATE_USER = True
    # Still signed in at the provider: straight back, now with an account.
    page.get_by_role("button", name=SSO_BUTTON).click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect_signed_in_as(page, "Nia Newstarter")


def test_staff_held_to_single_sign_on_use_it_for_the_admin(sso, page, live_server, settings):
    settings.SSO_REQUIRED_FOR_STAFF = True
    UserFactory(username="sam", email="sam@example.gov.uk", is_staff=True, is_superuser=True)
    username = person(sso, "sam@example.gov.uk", "Sam", "Superuser")

    for path in ("/accounts/login/", "/admin/login/"):
        page.goto(live_server.url + path)
        page.get_by_label("Username").fill("sam")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Password").press("Enter")
        page.wait_for_load_state()
        expect(page.get_by_text(SSO_REQUIRED_MESSAGE)).to_be_visible()
        expect(page).to_have_url(live_server.url + path)
        assert_accessible(page)

    # Straight to the admin's sign-in page: its link, words uncut, leads back to the admin.
    page.goto(f"{live_server.url}/admin/login/")
    link = page.get_by_role("link", name=SSO_BUTTON)
    assert link.evaluate("a => a.scrollWidth <= a.clientWidth")
    link.click()
    sign_in_at_provider(page, username)
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text(django_settings.WAGTAIL_SITE_NAME)

    # Signing out of the admin ends the provider's session too.
    page.get_by_role("button", name="Sam", exact=True).click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()
    page.get_by_role("button", name=SSO_BUTTON).click()
    expect(page.get_by_role("button", name="Sign in to the provider")).to_be_visible()


def test_failed_returns_from_one_address_lock_nobody_out(sso, page, live_server):
    UserFactory(username="alex", first_name="Alex", last_name="Author", email="alex@example.gov.uk")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        return_with_a_bad_code(page, live_server)
        expect(page.get_by_role("region", name="Important")).to_contain_text(
            refusals.MESSAGES[refusals.FAILED][0]
        )
    assert not AccessAttempt.objects.exists()

    sign_in_with_sso(page, live_server, person(sso, "alex@example.gov.uk"))
    expect_signed_in_as(page, "Alex Author")


@pytest.mark.parametrize("verified", [False, None], ids=["unverified", "claim missing"])
def test_an_address_the_provider_does_not_vouch_for_is_refused(sso, page, live_server, verified):
    UserFactory(username="alex", email="alex@example.gov.uk")
    sign_in_with_sso(page, live_server, person(sso, "alex@example.gov.uk", verified=verified))
    expect_refused(page, live_server, refusals.UNVERIFIED)


def test_an_invalid_code_says_the_sign_in_failed(sso, page, live_server):
    return_with_a_bad_code(page, live_server)
    expect_refused(page, live_server, refusals.FAILED)


def test_an_address_given_to_someone_new_is_refused(sso, page, live_server):
    UserFactory(username="alex", first_name="Alex", last_name="Author", email="alex@example.gov.uk")
    old = person(sso, "alex@example.gov.uk")
    sign_in_with_sso(page, live_server, old)
    expect_signed_in_as(page, "Alex Author")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()

    # Alex leaves; their address is given to a new Alex.
    sso.remove_person(old)
    new = person(sso, "alex@example.gov.uk", "Alexis", "Newman")
    page.get_by_role("button", name=SSO_BUTTON).click()
    sign_in_at_provider(page, new)
    expect_refused(page, live_server, refusals.CONFLICT)


def test_signing_out_ends_the_providers_session_too(sso, page, live_server):
    UserFactory(username="alex", first_name="Alex", last_name="Author", email="alex@example.gov.uk")
    sign_in_with_sso(page, live_server, person(sso, "alex@example.gov.uk"))
    expect_signed_in_as(page, "Alex Author")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_text("You have signed out")).to_be_visible()
    expect(page.locator(".portal-signed-in")).to_have_count(0)
    assert_accessible(page)

    # The next person at this computer is asked who they are.
    page.get_by_role("button", name=SSO_BUTTON).click()
    expect(page.get_by_role("button", name="Sign in to the provider")).to_be_visible()
    assert page.url.startswith(sso.url)
