"""The service navigation shown on every page.

Each entry is (label, path or URL name, test on the user). Each capability
adds its own entry.
"""

from django.urls import reverse


def everyone(user):
    return True


NAVIGATION = [
    ("Guidance", "/", everyone),
    ("Search", "guidance:search", everyone),
    ("Your posts", "approvals:posts", everyone),
    ("Sign-off", "approvals:queue", everyone),
]


def navigation_items(request):
    path = request.path
    items = []
    for label, target, allowed in NAVIGATION:
        if not allowed(request.user):
            continue
        href = target if target.startswith("/") else reverse(target)
        current = path == href
        active = current or (href != "/" and path.startswith(href))
        items.append({"text": label, "href": href, "current": current, "active": active})
    return items
