"""The service navigation shown on every page.

Each entry is (label, path or URL name, test on the user). Each capability
adds its own entry.
"""

import functools

from django.urls import reverse
from django.utils.html import format_html

from approvals.waiting import count_for as waiting_for_sign_off


def everyone(user):
    return True


NAVIGATION = [
    ("Guidance", "/", everyone),
    ("Search", "guidance:search", everyone),
    ("Your posts", "approvals:posts", everyone),
    ("Sign-off", "approvals:queue", everyone),
]


# Counts shown beside an entry, by its target: how much waits there for the user.
# Each costs a page nothing when cached and a few queries when not.
COUNTS = {"approvals:queue": waiting_for_sign_off}


@functools.cache
def href(target: str) -> str:
    """A path, or a URL name reversed once per process (the layout's links)."""
    return target if target.startswith("/") else reverse(target)


def navigation_items(request):
    path = request.path
    items = []
    for label, target, allowed in NAVIGATION:
        if not allowed(request.user):
            continue
        link = href(target)
        current = path == link
        active = current or (link != "/" and path.startswith(link))
        item = {"text": label, "href": link, "current": current, "active": active}
        count = COUNTS[target](request.user) if target in COUNTS else 0
        if count:
            item["html"] = format_html(
                '{} <strong class="govuk-tag">{}'
                '<span class="govuk-visually-hidden"> waiting for you</span></strong>',
                label,
                count,
            )
        items.append(item)
    return items
