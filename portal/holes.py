"""Holes: what a page shows that differs from one request to the next, left
out of the markup while it is rendered and filled in once it is.

The layout's per-request parts (the header with the signed-in user and the
sign-out form's CSRF token, the seconds left before the session ends) are
holes. Markup with holes in it depends only on what the page shows, so it
can be rendered once and reused for everyone (guidance.published does, for
guidance pages) while every response still gets its own token and clock.

A template tag puts in ``hole(request, name)``, a stand-in that is random
for each process, so no text anyone writes can match it;
``HolesMiddleware`` then replaces each stand-in with what ``fill`` gives
for that request. Each filling returns HTML, escaped where it must be.
"""

import secrets

from django.utils.html import escape
from django.utils.safestring import mark_safe

_fillings = {}
_stand_ins = {}


def filling(name: str):
    """Register ``function(request) -> HTML`` as what fills the hole ``name``."""

    def register(function):
        _fillings[name] = function
        _stand_ins[name] = f"hole-{secrets.token_hex(12)}-{name}"
        return function

    return register


def text_filling(name: str):
    """As ``filling``, for a function that returns text to be escaped."""

    def register(function):
        filling(name)(lambda request: escape(function(request)))
        return function

    return register


def hole(request, name: str):
    """The stand-in for ``name``, filled in this request's response."""
    used(request).add(name)
    return mark_safe(_stand_ins[name])  # noqa: S308 - letters, digits and hyphens


def used(request) -> set:
    """The holes in the markup of this request's response."""
    return request.__dict__.setdefault("_holes", set())


def fill(request, markup: str) -> str:
    for name in request.__dict__.get("_holes", ()):
        markup = markup.replace(_stand_ins[name], _fillings[name](request))
    return markup


class HolesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.__dict__.get("_holes") and not response.streaming:
            response.content = fill(request, response.content.decode(response.charset))
        return response
