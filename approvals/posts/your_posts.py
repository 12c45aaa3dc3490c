"""An author's list of their posts, kept until one of their posts next changes.

Each page of the list, for each choice of filters, is kept in the cache
under the author's own generation (portal.caching), which saving, deciding
or expiring any of their posts ends; without the cache, or when they search,
it is rendered every time.
"""

from portal.caching import generations
from portal.caching.invalidation import posts_of

# A safety net only: every change to one of the author's posts drops it.
KEPT_SECONDS = 60 * 60


def page(author, kept_as: str | None, page_number: int, render) -> str:
    """A page of the list as ``render()`` makes it, kept under what its filters
    show (``YourPostsFilter.kept_as``), or made afresh when they say it must not be."""
    if kept_as is None:
        return render()
    key = f"approvals:posts:{author.pk}:{kept_as}:{page_number}"
    return generations.remember(posts_of(author.pk), key, render, KEPT_SECONDS)
