"""Wagtail's sign-in page, as someone not yet signed in sees it."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_sign_in_page_gets_its_icons_and_translations_before_sign_in(client):
    # Sent to our sign-in page instead, they put a second sign-in form, with the
    # same field ids, inside Wagtail's.
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200
    assert sprite["Content-Type"].startswith("image/svg+xml")
    assert b"<form" not in sprite.content
    translations = client.get("/admin/jsi18n/")
    assert translations.status_code == 200
    assert "javascript" in translations["Content-Type"]


def test_the_rest_of_the_admin_still_needs_a_signed_in_user(client):
    for path in ["/admin/", "/admin/pages/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/"), path
