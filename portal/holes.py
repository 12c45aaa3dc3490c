"""Holes: what a page shows that differs from one request to the next, left
out of the markup while it is rendered and filled in once it is.

The layout's per-request parts (the header with the signed-in user and the
sign-out form's CSRF token, the seconds left before the session ends) are
holes. Markup with holes in it depends only on what the page shows, so it
can be rendered once and reused for everyone (guidance.published does, for
guidance pages) while every response still gets its own token and clock.

A template tag puts in ``hole(request, name)``, a stand-in that escaped text
cannot contain and that is secret to the process;
``HolesMiddleware`` then replaces each stand-in with what ``fill`` gives
for that request. Each filling returns HTML, escaped where it must be.
"""

import re
import secrets

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal import memo

_fillings = {}
# An HTML comment, which no escaped text can contain, with a secret of the
# process in it, which no other text can.
_SECRET = secrets.token_hex(12)
_STAND_IN = re.compile(rf"<!--hole:{_SECRET}:(\w+)-->")


def filling(name: str):
    """Register ``function(request) -> HTML`` as what fills the hole ``name``."""

    def register(function):
        _fillings[name] = function
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
    return mark_safe(f"<!--hole:{_SECRET}:{name}-->")  # noqa: S308 - filled before it is sent


def give(request, name: str, markup: str):
    """A hole for markup the view has made for this request (a page's body)."""
    if name not in _fillings:
        filling(name)(lambda request: request.__dict__["_given"][name])
    request.__dict__.setdefault("_given", {})[name] = markup
    return hole(request, name)


def used(request) -> set:
    """The holes in the markup of this request's response."""
    return request.__dict__.setdefault("_holes", set())


def fill(request, markup: str) -> str:
    """The markup with its holes filled, in one pass, so that what a filling
    puts in (a body with people's words in it) is never searched for holes."""
    names = request.__dict__.get("_holes", ())
    fillings = {}

    def filled(match):
        name = match.group(1)
        if name not in names:
            return match.group(0)
        if name not in fillings:
            fillings[name] = _fillings[name](request)
        return fillings[name]

    return _STAND_IN.sub(filled, markup)


def message_waiting(request) -> bool:
    """A message is shown once, at the top of the next page rendered: a
    response kept from another request must not stand in for that page."""
    return bool(len(get_messages(request)))


def reused(request, store: dict, key, limit: int, respond) -> HttpResponse:
    """The response ``respond()`` makes, kept in ``store`` under ``key`` with
    the holes in it, and given again to later requests, which fill in their
    own. Only a whole 200 response is kept."""
    kept = store.get(key)
    if kept is not None:
        markup, names = kept
        used(request).update(names)
        return HttpResponse(markup)
    response = respond()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200 and not response.streaming:
        markup = response.content.decode(response.charset)
        memo.keep(store, key, (markup, frozenset(used(request))), limit)
    return response


# Pages rendered with holes, by template and the holes given; oldest dropped
# first once full.
_pages: dict = {}
PAGES_KEPT = 64


def render_reused(request, template_name: str, **given) -> HttpResponse:
    """``render()``, for a template that shows nothing of the request but its
    holes and the markup ``given`` for it: rendered once in each process and
    reused. Rendered afresh while DEBUG, so edits show, and when a message
    waits."""
    context = {name: give(request, name, markup) for name, markup in given.items()}
    if settings.DEBUG or message_waiting(request):
        return render(request, template_name, context)
    return reused(
        request,
        _pages,
        (template_name, frozenset(given)),
        PAGES_KEPT,
        lambda: render(request, template_name, context),
    )


class HolesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.__dict__.get("_holes") and not response.streaming:
            response.content = fill(request, response.content.decode(response.charset))
        return response
