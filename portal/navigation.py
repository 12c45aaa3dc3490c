"""The service navigation shown on every page.

Each app registers its own entries (in its AppConfig's ``ready``), with the
count shown beside an entry where there is one, so the layout knows no app.
One more link may sit beside the signed-in person's name
(``register_personal``): what changed for them since they last looked. It is
not a seventh entry, which would wrap the header at 1280 pixels.

A count, or whether an entry is shown, may be given as a
``portal.caching.generations.Kept``: every page asks them, so the layout reads
those kept in the cache together, in one round trip (``portal.layout``).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html


@dataclass(frozen=True)
class Entry:
    label: str
    # A path, or a URL name.
    target: str
    order: int
    # How much waits there for the user (a number or a Kept one), shown beside
    # the entry when not 0.
    count: Callable | None = None
    # Whether the user is shown the entry at all (or a Kept answer); everyone,
    # when None.
    shown: Callable | None = None


_entries: list[Entry] = []


def register(
    label: str,
    target: str,
    *,
    order: int,
    count: Callable | None = None,
    shown: Callable | None = None,
) -> None:
    if not any(entry.target == target for entry in _entries):
        _entries.append(Entry(label, target, order, count, shown))
        _entries.sort(key=lambda entry: entry.order)


@dataclass(frozen=True)
class Personal:
    label: str
    target: str
    # How many things are new for the user (a number or a Kept one), shown in
    # the link when not 0.
    count: Callable


_personal: list[Personal] = []


def register_personal(label: str, target: str, *, count: Callable) -> None:
    """The link beside the signed-in person's name, with ``count(user)``."""
    if not any(link.target == target for link in _personal):
        _personal.append(Personal(label, target, count))


@functools.cache
def href(target: str) -> str:
    """A path, or a URL name reversed once per process (the layout's links)."""
    return target if target.startswith("/") else reverse(target)


def asked(user) -> list:
    """Whether each entry is shown to ``user``, each entry's count and each
    personal link's: values, or Kept ones."""
    return [
        *(entry.shown(user) if entry.shown else True for entry in _entries),
        *(entry.count(user) if entry.count else 0 for entry in _entries),
        *(link.count(user) for link in _personal),
    ]


def navigation(request, answered: list) -> tuple[list[dict], tuple[tuple[str, str, int], ...]]:
    """The entries shown to the signed-in user, each a dict for GOV.UK's
    service navigation, and (label, href, count) for each link beside their
    name, from what ``asked`` asked, ``answered``."""
    answers = iter(answered)
    shown = [next(answers) for _ in _entries]
    counts = [next(answers) for _ in _entries]
    section = request.__dict__.get("_section")
    items = [
        _item(entry, request.path, count, section)
        for entry, is_shown, count in zip(_entries, shown, counts, strict=True)
        if is_shown
    ]
    links = tuple((link.label, href(link.target), next(answers)) for link in _personal)
    return items, links


def in_section(request, target: str) -> None:
    """The entry a page belongs to, where its address does not say (someone
    else's post, reached from the queue or the register, is under /posts/,
    beside Your posts): a path or a URL name, as entries are registered."""
    request.__dict__["_section"] = href(target)


def _item(entry: Entry, path: str, count: int, section: str | None) -> dict:
    link = href(entry.target)
    current = path == link
    if section is not None:
        active = link == section
    else:
        active = current or (link != "/" and path.startswith(link))
    item = {"text": entry.label, "href": link, "current": current, "active": active}
    if count:
        item["html"] = format_html(
            '{} <strong class="govuk-tag">{}'
            '<span class="govuk-visually-hidden"> waiting for you</span></strong>',
            entry.label,
            count,
        )
    return item
