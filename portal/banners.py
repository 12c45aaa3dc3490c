"""Banners shown at the top of every page to someone signed in (a sensitive
period in force where they work). Each app registers its own (in its
AppConfig's ``ready``), so the layout knows no app."""

from collections.abc import Callable

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

_banners: dict[str, Callable] = {}


def register(name: str, banner: Callable) -> None:
    """``banner(request) -> str``: the app's markup, empty when it has none."""
    _banners[name] = banner


def render(request) -> SafeString:
    if not request.user.is_authenticated:
        return SafeString("")
    markup = (banner(request) for banner in _banners.values())
    return format_html_join("", "{}", ((html,) for html in markup if html))
