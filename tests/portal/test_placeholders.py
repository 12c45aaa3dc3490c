"""Placeholders (portal.caching.placeholders): what differs per request is
filled in after the page is rendered, escaped, and nothing a person wrote can
pose as one."""

import pytest
from django.test import RequestFactory
from django.utils.html import escape

from portal.caching import placeholders

pytestmark = pytest.mark.unit

placeholders.filling("test_token")(lambda request: "TOKEN")
placeholders.text_filling("test_name")(lambda request: request.GET["name"])


def test_text_is_escaped_where_it_is_put_in():
    request = RequestFactory().get("/", {"name": '"><script>'})
    markup = f'<span title="{placeholders.placeholder(request, "test_name")}">'
    assert placeholders.fill(request, markup) == '<span title="&quot;&gt;&lt;script&gt;">'


def test_escaped_text_cannot_pose_as_a_placeholder():
    request = RequestFactory().get("/")
    marker = str(placeholders.placeholder(request, "test_token"))
    written = escape(marker)
    assert placeholders.fill(request, f"{written} {marker}") == f"{written} TOKEN"


def test_a_filling_may_hold_a_placeholder_of_its_own():
    request = RequestFactory().get("/")
    inner = placeholders.placeholder(request, "test_token")
    placeholders.filling("test_outer")(lambda request: f"<form>{inner}</form>")
    outer = placeholders.placeholder(request, "test_outer")
    assert placeholders.fill(request, f"<header>{outer}</header>") == (
        "<header><form>TOKEN</form></header>"
    )
