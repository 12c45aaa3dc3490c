"""The service navigation shown on every page.

Each entry is (label, url name, test on the user). Later capabilities add
their own entries here.
"""

from django.urls import reverse

NAVIGATION = [
    ("Guidance", "home", lambda user: True),
]


def navigation_items(request):
    path = request.path
    items = []
    for label, url_name, allowed in NAVIGATION:
        if not allowed(request.user):
            continue
        href = reverse(url_name)
        current = path == href
        active = current or (href != "/" and path.startswith(href))
        items.append({"text": label, "href": href, "current": current, "active": active})
    return items
