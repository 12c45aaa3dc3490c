"""Placeholders: the parts of a page that differ from one request to the
next, left out of its markup while it is rendered and filled in once it is
(donut caching).

The layout's per-request parts (the header with the signed-in person and the
sign-out form's CSRF token, the seconds left before the session ends) are
placeholders. Markup with placeholders in it depends only on what the page
shows, so it can be rendered once and kept for everyone (``kept_response``)
while every response still gets its own token and clock.

A template tag puts in ``placeholder(request, name)``: an HTML comment,
which no escaped text can contain, naming a secret of the process, which no
other text can. ``PlaceholdersMiddleware`` then replaces each with what the
filling registered for that name gives for the request. A filling returns
HTML, escaped where it must be, and may itself hold placeholders (the
header holds the token's), which are filled in turn.
"""

import re
import secrets

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.caching.store import LocalStore

_fillings = {}
_SECRET = secrets.token_hex(12)
_MARKER = re.compile(rf"<!--placeholder:{_SECRET}:(\w+)-->")
# A filling may hold placeholders; theirs may not.
_DEPTH = 2


def filling(name: str):
    """Register ``function(request) -> HTML`` as what fills the placeholder ``name``."""

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


def placeholder(request, name: str) -> SafeString:
    """The placeholder for ``name``, filled in this request's response."""
    used(request).add(name)
    return mark_safe(f"<!--placeholder:{_SECRET}:{name}-->")  # noqa: S308 - filled before it is sent


def given(request, name: str, markup: str) -> SafeString:
    """A placeholder for markup the view made for this request (the queue's
    rows), so that the page around it can be kept for everyone."""
    request.__dict__.setdefault("_given", {})[name] = markup
    return placeholder(request, name)


def used(request) -> set:
    """The placeholders in the markup of this request's response."""
    return request.__dict__.setdefault("_placeholders", set())


def fill(request, markup: str) -> str:
    """The markup with its placeholders filled, each worked out once."""
    fillings = {}

    given_here = request.__dict__.get("_given", {})

    def filled(match):
        name = match.group(1)
        if name not in fillings:
            fillings[name] = given_here[name] if name in given_here else _fillings[name](request)
        return fillings[name]

    for _ in range(_DEPTH):
        markup, count = _MARKER.subn(filled, markup)
        if not count:
            break
    return markup


def message_waiting(request) -> bool:
    """A message is shown once, at the top of the next page rendered: a kept
    response must not stand in for that page."""
    return bool(len(get_messages(request)))


def kept_response(request, store, key, respond, may_keep) -> HttpResponse:
    """The response ``respond()`` makes, kept in ``store`` (a LocalStore)
    under ``key`` with its placeholders when ``may_keep()`` says so after it
    is made, and given again to later requests, which fill in their own.
    Only a whole 200 response is kept."""
    kept = store.get(key)
    if kept is not None:
        markup, names = kept
        used(request).update(names)
        return HttpResponse(markup)
    response = respond()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.status_code == 200 and not response.streaming and may_keep():
        store.set(key, (response.content.decode(response.charset), frozenset(used(request))))
    return response


# Pages kept by render_kept: by template, the key naming what else they show,
# and the markup given for them.
_pages = LocalStore(maxsize=64)


def render_kept(request, template_name: str, key, context: dict, **parts):
    """``render()`` for a page that shows nothing of the request but its
    placeholders, the ``context`` that ``key`` names, and the markup of
    ``parts`` made for this request: rendered once in each process and kept.
    Rendered afresh when a message waits, which it must show once."""
    context = {**context, **{name: given(request, name, markup) for name, markup in parts.items()}}
    if message_waiting(request):
        return render(request, template_name, context)
    return kept_response(
        request,
        _pages,
        (template_name, key, frozenset(parts)),
        lambda: render(request, template_name, context),
        may_keep=lambda: True,
    )


class PlaceholdersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.__dict__.get("_placeholders") and not response.streaming:
            response.content = fill(request, response.content.decode(response.charset))
        return response
