"""Serving published guidance pages without asking the database where they are.

Wagtail finds a page by looking up the site, then each page along the path,
then the view restrictions on the page and its ancestors: six queries for a
principle page before it renders. The published guidance is small and
changes only when someone publishes, so two things are cached instead:

- the directory: every live guidance page's path, type, breadcrumbs and
  whether a view restriction covers it, dropped whenever a page is
  published, unpublished, moved or deleted, or a restriction or site changes.
  Each directory built is a new generation, kept under a key of its own; a
  signed-in request reads only which generation is current, with its user,
  and each process keeps the directories it has unpickled, as no generation
  ever changes;
- each live page as loaded from the database with its body already
  rendered, under a key naming the page's live revision and when it was
  published, so publishing makes a new key and never meets a stale entry.
  As no key is ever reused, each process also keeps the pages it has served.

The request then goes through Wagtail's own ``serve`` with the site and the
route filled in, so every ``before_serve_page`` and ``on_serve_page`` hook
still runs.

A page with a body is also kept whole, as its response to a signed-in
reader, with holes (portal.holes) for the header and the session's clock:
everything else on it is the same for every reader, so each process renders
it once for each state of the tree and reuses it until the next change.
Anything else that differs between readers or requests must be a hole, or
the page must not be reused (``serve_reused``).
"""

import copy
import functools
import logging
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from guidance import selectors
from portal import holes, memo, user_cache

logger = logging.getLogger(__name__)

# In every key: bump it when the shape of what is cached changes, so that
# processes of a new release never unpickle what an old one stored.
CACHE_SHAPE = 3
# The current generation of the directory; the directory itself is under
# directory_key(generation).
DIRECTORY_KEY = f"guidance:{CACHE_SHAPE}:directory"
# A safety net only: every change drops the pointer to the directory at
# once. The directory itself outlives its pointer by a minute, so that the
# pointer never names one that has expired.
DIRECTORY_TIMEOUT = 60 * 10
# Long enough to outlast the gap between publications of a page; entries of
# superseded revisions simply expire.
PAGE_TIMEOUT = 60 * 60 * 24 * 7


@dataclass(frozen=True)
class Entry:
    page_id: int
    content_type_id: int
    page_key: str
    restricted: bool
    breadcrumbs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Directory:
    # None when there is not exactly one, default, site: Wagtail then chooses.
    site: Site | None
    entries: dict[str, Entry]
    # Names what else is cached from this state of the tree (the home page's
    # contents), so that whatever drops the directory drops them too.
    generation: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class RenderedPage:
    page: Page
    body: str


def guidance_models():
    from guidance.models import (
        CivilServiceCodePage,
        GuidanceHomePage,
        GuidancePage,
        PrinciplePage,
    )

    return [GuidanceHomePage, PrinciplePage, CivilServiceCodePage, GuidancePage]


def build_directory() -> Directory:
    sites = list(Site.objects.select_related("root_page")[:2])
    if len(sites) != 1 or not sites[0].is_default_site:
        return Directory(site=None, entries={})
    site = sites[0]
    root = site.root_page
    # Stored without its root page, which every request would otherwise unpickle.
    site = Site(**{field.attname: getattr(site, field.attname) for field in Site._meta.fields})
    pages = {
        page["path"]: page
        for page in Page.objects.live()
        .descendant_of(root, inclusive=True)
        .filter(alias_of__isnull=True)
        .values(
            "id",
            "path",
            "url_path",
            "title",
            "content_type_id",
            "live_revision_id",
            "last_published_at",
        )
    }
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    types = {ct.pk for ct in ContentType.objects.get_for_models(*guidance_models()).values()}

    def public_path(page):
        return "/" + page["url_path"][len(root.url_path) :]

    def crumb(path):
        return ("Home" if path == root.path else pages[path]["title"], public_path(pages[path]))

    entries = {}
    for path, page in pages.items():
        if page["content_type_id"] not in types:
            continue
        ancestors = range(len(root.path), len(path), Page.steplen)
        entries[public_path(page)] = Entry(
            page_id=page["id"],
            content_type_id=page["content_type_id"],
            page_key=_page_key(page["id"], page["live_revision_id"], page["last_published_at"]),
            restricted=any(path.startswith(restricted_path) for restricted_path in restricted),
            breadcrumbs=tuple(crumb(path[:end]) for end in ancestors if path[:end] in pages),
        )
    return Directory(site=site, entries=entries)


def directory_key(generation: str) -> str:
    return f"guidance:{CACHE_SHAPE}:directory:{generation}"


# Directories by generation, as this process has read them; oldest dropped
# first once full.
_directories: dict = {}
DIRECTORIES_KEPT = 8


def directory(request=None) -> Directory:
    """The directory, fetched once per request."""
    if request is not None and hasattr(request, "_guidance_directory"):
        return request._guidance_directory
    generation = _cached(DIRECTORY_KEY, getattr(request, "user", None))
    found = _directories.get(generation)
    if found is None:
        if generation is not None:
            found = _cached(directory_key(generation))
        found = found or _new_directory()
        memo.keep(_directories, found.generation, found, DIRECTORIES_KEPT)
    if request is not None:
        request._guidance_directory = found
    return found


def _new_directory() -> Directory:
    found = build_directory()
    # The directory before the pointer to it, and the pointer only once the
    # directory is kept: the pointer never names a generation that is not
    # there, and a cache that is down is not tried twice.
    if _keep(directory_key(found.generation), found, DIRECTORY_TIMEOUT + 60):
        _keep(DIRECTORY_KEY, found.generation, DIRECTORY_TIMEOUT)
    return found


def read_with_user(user_id) -> list[str]:
    """Read with the user on every signed-in request (portal.user_cache)."""
    return [DIRECTORY_KEY]


def home_contents(home, request=None) -> dict:
    """What the home page lists, worked out once for each state of the tree."""
    return _home_contents(directory(request).generation, home)


@functools.lru_cache(maxsize=8)
def _home_contents(generation: str, home) -> dict:
    # A generation is never rebuilt, so what is listed for it never changes.
    key = f"guidance:{CACHE_SHAPE}:home:{generation}"
    contents = _cached(key)
    if contents is None:
        contents = selectors.home_contents(home)
        _keep(key, contents, DIRECTORY_TIMEOUT)
    return contents


def _cached(key, user=None):
    """What the cache holds for ``key`` (read with the signed-in user when it
    was read ahead), or None when it holds nothing or is down: readers are
    then served from the database."""
    try:
        if user is not None and user.is_authenticated:
            return user_cache.get_many(user, [key]).get(key)
        return cache.get(key)
    except Exception as error:
        logger.warning("Cache unavailable (%s): guidance read from the database.", error)
        return None


def _keep(key, value, timeout) -> bool:
    try:
        cache.set(key, value, timeout)
    except Exception as error:
        logger.warning("Cache unavailable (%s): guidance not kept.", error)
        return False
    return True


def forget_directory() -> None:
    # Dropped now, and again once the change is committed: a request that
    # rebuilt the directory in between read the database from before it.
    cache.delete(DIRECTORY_KEY)
    transaction.on_commit(lambda: cache.delete(DIRECTORY_KEY))


def _page_key(page_id, live_revision_id, last_published_at) -> str:
    published = last_published_at.timestamp() if last_published_at else 0
    return f"guidance:{CACHE_SHAPE}:page:{page_id}:{live_revision_id}:{published}"


def page_key(page) -> str:
    return _page_key(page.pk, page.live_revision_id, page.last_published_at)


def _rendered(page) -> RenderedPage:
    """The live page with its body rendered, from the cache or rendered now."""
    key = page_key(page)
    rendered = _cached(key)
    if rendered is None:
        body = page.body.render_as_block() if hasattr(page, "body") else ""
        rendered = RenderedPage(page=page, body=str(body))
        _keep(key, rendered, PAGE_TIMEOUT)
    return rendered


def rendered_body(page, request) -> SafeString:
    """The page's body as HTML, rendered once for each publication of it."""
    if getattr(request, "is_preview", False) or not page.live:
        return page.body.render_as_block()
    body = getattr(page, "_rendered_body", None)
    if body is None:
        body = _rendered(page).body
    return mark_safe(body)  # noqa: S308 - our own rendering of the page's blocks


def breadcrumbs(page) -> list[dict]:
    entry = getattr(page, "_directory_entry", None)
    if entry is None:
        return selectors.breadcrumbs(page)
    return [{"text": text, "href": href} for text, href in entry.breadcrumbs]


class StaleDirectoryError(Exception):
    """The directory names a publication the database no longer has."""


@functools.lru_cache(maxsize=256)
def _published_page(key: str, content_type_id: int, page_id: int) -> RenderedPage:
    """The publication named by the key, kept in this process as well as in
    the cache: no later publication reuses a key, so neither copy goes stale."""
    rendered = _cached(key)
    if rendered is None:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id, live=True).first()
        if page is None or page_key(page) != key:
            raise StaleDirectoryError(key)
        rendered = _rendered(page)
    return rendered


def route(request, path) -> None:
    """Fill in Wagtail's site and route for a published guidance page."""
    found = directory(request)
    entry = found.entries.get("/" + path)
    if entry is None or entry.restricted:
        return
    try:
        rendered = _published_page(entry.page_key, entry.content_type_id, entry.page_id)
    except StaleDirectoryError:
        # Wagtail routes this request; the next one sees a fresh directory.
        forget_directory()
        return
    # A copy per request: the process's copy is shared between requests.
    page = copy.copy(rendered.page)
    page._rendered_body = rendered.body
    page._directory_entry = entry
    request._wagtail_site = found.site
    request._wagtail_route_for_request = RouteResult(page)


# Whole responses by page, publication, path and state of the tree; oldest
# dropped first once full.
_responses: dict = {}
RESPONSES_KEPT = 256


def serve_reused(page, request, serve):
    """The page's response, reused from an earlier request when nothing on it
    differs but the holes; ``serve()`` renders it when it cannot be."""
    entry = getattr(page, "_directory_entry", None)
    if (
        entry is None
        or getattr(request, "is_preview", False)
        or request.method != "GET"
        or not request.user.is_authenticated
        or holes.message_waiting(request)
    ):
        return serve()
    key = (entry.page_key, directory(request).generation, request.path)
    return holes.reused(request, _responses, key, RESPONSES_KEPT, serve)
