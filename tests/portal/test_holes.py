"""Holes are filled once each, in one pass over the markup, and text put in is escaped."""

from django.test import RequestFactory

from portal import holes

holes.filling("test_token")(lambda request: "TOKEN")
holes.text_filling("test_name")(lambda request: request.GET["name"])


def test_what_a_filling_puts_in_is_never_filled_again():
    request = RequestFactory().get("/")
    token = holes.hole(request, "test_token")
    # A body that quotes a stand-in, as someone's words might if one ever leaked.
    body = holes.give(request, "test_body", f"<p>{token}</p>")
    assert holes.fill(request, f"{body} {token}") == f"<p>{token}</p> TOKEN"


def test_text_is_escaped_where_it_is_put_in():
    request = RequestFactory().get("/", {"name": '"><script>'})
    markup = f'<span title="{holes.hole(request, "test_name")}">'
    assert holes.fill(request, markup) == '<span title="&quot;&gt;&lt;script&gt;">'


def test_a_hole_of_another_request_is_left_alone():
    other = RequestFactory().get("/")
    stand_in = holes.hole(other, "test_token")
    request = RequestFactory().get("/")
    assert holes.fill(request, stand_in) == stand_in
