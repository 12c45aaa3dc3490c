"""Banners shown at the top of every page to someone signed in (a sensitive
period in force where they work). Each app registers its own (in its
AppConfig's ``ready``), so the layout knows no app.

What a banner reads to decide (``needs``) may be given as
``portal.caching.generations.Kept``: the layout reads it from the cache with
the navigation's counts, in one round trip (``portal.layout``)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Banner:
    # draw(request, *needed) -> the app's markup, empty when it has none.
    draw: Callable[..., str]
    # needs(user) -> what draw is given after the request: values or Kept ones.
    needs: Callable[..., list]


_banners: dict[str, Banner] = {}


def register(name: str, draw: Callable[..., str], *, needs: Callable[..., list]) -> None:
    _banners[name] = Banner(draw, needs)


def asked(user) -> list[list]:
    """What each banner needs for ``user``."""
    return [banner.needs(user) for banner in _banners.values()]


def render(request, needed: list[list]) -> SafeString:
    """The banners, each drawn with what it needs (``asked``, read)."""
    markup = (
        banner.draw(request, *its) for banner, its in zip(_banners.values(), needed, strict=True)
    )
    return format_html_join("", "{}", ((html,) for html in markup if html))
