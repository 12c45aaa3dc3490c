import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from guidance.seeding import seed_guidance
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_every_page_but_sign_in_needs_a_signed_in_user(client):
    for path in ["/", "/admin/", "/admin/pages/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("login"))


def test_sign_in_page_and_health_check_are_open(client):
    assert client.get(reverse("login")).status_code == 200
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_a_wrong_password_is_explained_on_the_sign_in_page_and_keeps_the_username(client):
    UserFactory(username="alex")
    response = client.post(reverse("login"), {"username": "alex", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The username or password is not right" in html
    assert "Please enter a correct" not in html
    assert 'value="alex"' in html
    assert "_auth_user_id" not in client.session


def test_signing_in_lands_on_the_home_page_with_the_users_name(client):
    seed_guidance()
    UserFactory(username="alex", first_name="Alex", last_name="Author")
    response = client.post(
        reverse("login"), {"username": "alex", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Signed in as" in response.content.decode()
    assert "Alex Author" in response.content.decode()


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(client):
    UserFactory(username="alex")
    response = client.post(
        reverse("login") + "?next=/admin/",
        {"username": "alex", "password": PASSWORD, "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    client.logout()
    response = client.post(
        reverse("login"),
        {"username": "alex", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_sign_out_is_a_post_that_ends_the_session_on_the_server(client):
    user = UserFactory(username="alex")
    client.force_login(user)
    session_key = client.session.session_key
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
    signed_out = client.get(response["Location"]).content.decode()
    assert "You have signed out." in signed_out
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in signed_out
    assert client.get("/").status_code == 302


def test_sign_out_needs_the_csrf_token(client):
    user = UserFactory(username="alex")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(reverse("logout")).status_code == 403
