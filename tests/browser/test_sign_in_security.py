"""The pages that sign-in security shows people are accessible too."""

import pytest
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.factories import UserFactory
from tests.portal.test_security_sso import OIDC

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_lockout_page_is_accessible(page, sign_in):
    UserFactory(username="alex")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("alex", password="wrong")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in for now")
    assert_accessible(page)


@override_settings(**OIDC)
def test_the_sign_in_page_with_single_sign_on_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/?sso=failed")
    expect(page.get_by_text("We could not sign you in")).to_be_visible()
    button = page.get_by_role("button", name="Sign in with your organisation account")
    expect(button).to_have_attribute("href", "/accounts/sso/start/")
    assert_accessible(page)
