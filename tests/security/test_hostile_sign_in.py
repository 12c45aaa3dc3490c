"""Hostile input to the sign-in forms, the site's and the admin's (see ``hostile``)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import PASSWORD
from tests.security.hostile import (
    JAVASCRIPT,
    SCRIPT,
    assert_escaped,
    extra_fields,
    hostile,
    hostile_text,
    undone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["login", "wagtailadmin_login"])
def sign_in_url(request):
    """The site's sign-in page, and the admin's."""
    return request.param


@hostile
@given(
    username=st.one_of(st.sampled_from(["author", "admin", "AUTHOR", "author\x00"]), hostile_text),
    password=st.one_of(st.just(PASSWORD + "x"), hostile_text),
    extra=extra_fields,
)
def test_sign_in_refuses_garbage_and_shows_it_back_escaped(
    org, sign_in_url, username, password, extra
):
    client = Client(raise_request_exception=False)
    with undone():
        response = client.post(
            reverse(sign_in_url), {"username": username, "password": password, **extra}
        )
        # Refused: the form again, or the locked-out page. Never signed in.
        assert response.status_code in {200, 429}
        assert "_auth_user_id" not in client.session
        assert_escaped(response)


SAFE_AFTER_SIGN_IN = {"", "testserver"}


@hostile
@given(
    next_url=st.one_of(
        st.sampled_from(
            [
                JAVASCRIPT,
                "//evil.example/",
                "https://evil.example/",
                "/\\evil.example",
                "\\\\evil.example",
                "https:evil.example",
                "/%2F%2Fevil.example",
                " //evil.example",
                "/posts/" + SCRIPT,
            ]
        ),
        hostile_text,
    )
)
def test_signing_in_never_sends_anyone_off_the_site(org, next_url):
    client = Client(raise_request_exception=False)
    with undone():
        response = client.post(
            reverse("login") + "?next=x",
            {"username": "author", "password": PASSWORD, "next": next_url},
        )
        assert response.status_code == 302
        location = response["Location"]
        parts = urlsplit(location)
        assert parts.scheme in {"", "http", "https"}, location
        assert parts.netloc in SAFE_AFTER_SIGN_IN, location
        assert not location.startswith(("//", "/\\")), location


@pytest.mark.parametrize("url_name", ["login", "wagtailadmin_login"])
def test_a_username_longer_than_any_account_is_refused_by_the_form(url_name):
    """django-axes keeps 255 characters of a failed sign-in's username: a longer one
    was a server error (jazzband/django-axes#1381)."""
    response = Client(raise_request_exception=False).post(
        reverse(url_name), {"username": "a" * 256, "password": "anything"}
    )
    assert response.status_code == 200
    assert "Enter a username of 150 characters or fewer" in response.content.decode()
