"""Guidance pages kept whole, but for their placeholders, until the guidance changes.

A guidance page shows the same to every reader except the layout's
per-request parts (portal.caching.placeholders) and, on the home page, the
reader's own confirmation. So each process keeps the markup of each page
it has served, under the guidance's current generation: any publication,
unpublication, move, deletion or change of view restrictions starts a new
one (portal.caching.invalidation), and a kept page is never served again.

Wagtail serves a page the first time, with every hook; ``keep_whole`` (an
``on_serve_page`` hook) says whether its response may be kept: only a
guidance page with no view restriction. Later requests for the same path
are answered from the kept markup with no query and no routing. When the
cache is unreachable, nothing is kept and Wagtail serves every request.
"""

from wagtail import views as wagtail_views

from guidance.models.pages import GuidanceBasePage
from portal.caching import generations, placeholders
from portal.caching.invalidation import GUIDANCE
from portal.caching.store import LocalStore

# Markup and its placeholders, by the guidance's generation and path.
_pages = LocalStore(maxsize=256)
_KEEP = "guidance_page_may_be_kept"


def serve(request, path):
    """Wagtail's page view, answered from the kept page when there is one."""
    if request.method != "GET" or placeholders.message_waiting(request):
        return wagtail_views.serve(request, path)
    generation = generations.current(GUIDANCE)
    if generation is None:
        return wagtail_views.serve(request, path)
    return placeholders.kept_response(
        request,
        _pages,
        (generation, request.path),
        lambda: wagtail_views.serve(request, path),
        may_keep=lambda: getattr(request, _KEEP, False),
    )


def keep_whole(serve_page):
    """The ``on_serve_page`` hook: marks a response that may be kept."""

    def serve_and_mark(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        setattr(
            request,
            _KEEP,
            isinstance(page, GuidanceBasePage)
            and not getattr(request, "is_preview", False)
            and not page.get_view_restrictions(),
        )
        return response

    return serve_and_mark
