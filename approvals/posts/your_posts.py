"""An author's list of their posts, kept until one of their posts next changes.

Each page of the list is kept in the cache under the author's own
generation (portal.caching), which saving, deciding or expiring any of
their posts ends; without the cache it is rendered every time.
"""

from portal.caching import generations
from portal.caching.invalidation import posts_of

# A safety net only: every change to one of the author's posts drops it.
KEPT_SECONDS = 60 * 60


def page(author, status: str, page_number: int, render) -> str:
    key = f"approvals:posts:{author.pk}:{status}:{page_number}"
    return generations.remember(posts_of(author.pk), key, render, KEPT_SECONDS)
