"""The service navigation shown on every page.

Each app registers its own entries (in its AppConfig's ``ready``), with the
count shown beside an entry where there is one, so the layout knows no app.
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
    # How much waits there for the user, shown beside the entry when not 0.
    count: Callable | None = None
    # Whether the user is shown the entry at all; everyone, when None.
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


@functools.cache
def href(target: str) -> str:
    """A path, or a URL name reversed once per process (the layout's links)."""
    return target if target.startswith("/") else reverse(target)


def navigation_items(request):
    path = request.path
    items = []
    for entry in _entries:
        if entry.shown and not entry.shown(request.user):
            continue
        link = href(entry.target)
        current = path == link
        active = current or (link != "/" and path.startswith(link))
        item = {"text": entry.label, "href": link, "current": current, "active": active}
        count = entry.count(request.user) if entry.count else 0
        if count:
            item["html"] = format_html(
                '{} <strong class="govuk-tag">{}'
                '<span class="govuk-visually-hidden"> waiting for you</span></strong>',
                entry.label,
                count,
            )
        items.append(item)
    return items
