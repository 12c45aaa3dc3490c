"""Repeated failed sign-ins lock out that username from that address (django-axes)."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from portal.settings.base import client_address_settings
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE = reverse("login")
ADMIN = "/admin/login/"


def sign_in(client, url, username, password=PASSWORD, **headers):
    return client.post(url, {"username": username, "password": password}, **headers)


def fail(client, url, username, times=None, **headers):
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, url, username, "wrong", **headers)
    return response


def assert_locked_out(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "You cannot sign in for now" in page
    assert "alex" not in page
    assert "_auth_user_id" not in response.wsgi_request.session


def assert_signed_in(response):
    assert response.status_code == 302
    assert "_auth_user_id" in response.wsgi_request.session


@pytest.fixture
def alex():
    return UserFactory(username="alex", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("url", [SITE, ADMIN])
def test_too_many_failures_lock_out_even_the_right_password(client, alex, url):
    fail(client, url, "alex", times=settings.AXES_FAILURE_LIMIT - 1)
    assert_locked_out(sign_in(client, url, "alex", "wrong"))
    assert_locked_out(sign_in(client, url, "alex"))


def test_a_lockout_on_the_site_holds_in_the_admin_and_back(client, alex):
    fail(client, SITE, "alex")
    assert_locked_out(sign_in(client, ADMIN, "alex"))
    UserFactory(username="sam", is_staff=True, is_superuser=True)
    fail(client, ADMIN, "sam")
    assert_locked_out(sign_in(client, SITE, "sam"))


@pytest.mark.parametrize("url", [SITE, ADMIN])
def test_the_same_username_from_another_address_is_not_locked_out(client, alex, url):
    fail(client, url, "alex", REMOTE_ADDR="192.0.2.10")
    assert_signed_in(sign_in(client, url, "alex", REMOTE_ADDR="192.0.2.20"))


@pytest.mark.parametrize("url", [SITE, ADMIN])
def test_another_username_from_the_same_address_is_not_locked_out(client, alex, url):
    UserFactory(username="sam", is_staff=True, is_superuser=True)
    fail(client, url, "alex")
    assert_signed_in(sign_in(client, url, "sam"))


def test_signing_in_starts_the_count_again(client, alex):
    fail(client, SITE, "alex", times=settings.AXES_FAILURE_LIMIT - 1)
    assert_signed_in(sign_in(client, SITE, "alex"))
    client.logout()
    fail(client, SITE, "alex", times=settings.AXES_FAILURE_LIMIT - 1)
    assert_signed_in(sign_in(client, SITE, "alex"))


def test_the_lockout_page_says_what_to_do(client, alex):
    page = fail(client, SITE, "alex").content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"wait {minutes} minutes" in page
    assert "ask your IT service desk" in page


@override_settings(**client_address_settings(1))
def test_behind_the_load_balancer_the_address_it_saw_counts_not_one_the_client_wrote(client, alex):
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    for forged in range(settings.AXES_FAILURE_LIMIT):
        # The client writes a different address each time; the balancer appends
        # the one it saw.
        sign_in(
            client,
            SITE,
            "alex",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{forged}, 203.0.113.7",
            **balancer,
        )
    assert_locked_out(sign_in(client, SITE, "alex", HTTP_X_FORWARDED_FOR="203.0.113.7", **balancer))
    # Someone else behind the same balancer is not caught by it.
    assert_signed_in(sign_in(client, SITE, "alex", HTTP_X_FORWARDED_FOR="203.0.113.8", **balancer))
