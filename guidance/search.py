"""Search over the live guidance pages, with a snippet and the place of each result."""

import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
_WORD = re.compile(r"\w+", re.UNICODE)


class QueryError(ValueError):
    """A query that cannot be searched for, with the reason to show the reader."""


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    snippet: SafeString
    place: list[str]


def clean_query(raw: str) -> str:
    """The query as it will be searched for; raises QueryError for one that cannot be."""
    query = " ".join("".join(ch for ch in raw if ch.isprintable()).split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"Enter {MAX_QUERY_LENGTH} characters or fewer")
    return query


def terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())


def search_pages(query: str, root: Page) -> list[Result]:
    if not terms(query):
        return []
    pages = Page.objects.live().public().descendant_of(root, inclusive=True).specific()
    found = list(pages.search(" ".join(terms(query))))
    places = _places(found, root)
    return [
        Result(
            title=page.title,
            url=page.url,
            snippet=snippet(page.searchable_text()[1:], query),
            place=places[page.pk],
        )
        for page in found
    ]


def _places(pages, root) -> dict[int, list[str]]:
    """Each page's ancestors from the guidance home down, named, in one query."""
    steplen = Page.steplen
    ancestor_paths = {
        page.path[:end]
        for page in pages
        for end in range(steplen * root.depth, len(page.path), steplen)
    }
    titles = dict(Page.objects.filter(path__in=ancestor_paths).values_list("path", "title"))
    titles[root.path] = "Home"
    return {
        page.pk: [
            titles[page.path[:end]]
            for end in range(steplen * root.depth, len(page.path), steplen)
            if page.path[:end] in titles
        ]
        for page in pages
    }


def _stems(query: str) -> list[str]:
    # The full-text search stems words ("publishing" finds "published"), so
    # highlight any word that shares the query word's stem-sized beginning.
    return sorted(
        {term if len(term) <= 4 else term[: max(4, len(term) - 3)] for term in terms(query)},
        key=len,
        reverse=True,
    )


def snippet(texts: list[str], query: str) -> SafeString:
    """A short passage around the first match, with the matching words marked."""
    text = " ".join(" ".join(strip_tags(str(t)).split()) for t in texts if t)
    if not text:
        return SafeString("")
    stems = _stems(query)
    pattern = (
        re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)
        if stems
        else None
    )
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > SNIPPET_LENGTH // 3:
        start = text.rfind(" ", 0, match.start() - SNIPPET_LENGTH // 3) + 1
    end = start + SNIPPET_LENGTH
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end]
    parts = []
    position = 0
    for found in pattern.finditer(passage) if pattern else []:
        parts.append((passage[position : found.start()], False))
        parts.append((found.group(0), True))
        position = found.end()
    parts.append((passage[position:], False))
    return format_html(
        "{}{}{}",
        "…" if start else "",
        format_html_join(
            "",
            "{}",
            ((format_html("<mark>{}</mark>", part) if marked else part,) for part, marked in parts),
        ),
        "…" if end < len(text) else "",
    )
