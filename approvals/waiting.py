"""What waits for someone's sign-off: the count on every page, and the pages
of their queue.

Both are ``selectors.waiting_for``, so the count is always what the queue
holds. A page pays nothing for them when they are in the cache, and their
queries when they are not: what the user covers, signs off and holds (read
once per request, and shared with whatever else the page asks of
``permissions``), then the count. A count is dropped when sign-off changes:
everything that changes what waits for whom writes the audit trail (or, for
expiry, says so here), and each such change starts a new generation of
counts once it commits. A count also lasts at most
``APPROVALS_WAITING_COUNT_SECONDS``, because cover starts and ends by the
date, with nothing written.

The count's entries are read with the signed-in user, in the same round
trip as the session (``read_with_user``, portal.user_cache).

The cache is Redis in production. When it is down a page still shows the
count, at the price of its queries.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from approvals import selectors
from portal import user_cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "approvals:waiting:generation"


def _key(user_id, name: str) -> str:
    return f"approvals:waiting:{user_id}:{name}"


def _queue_page_name(page_number: int) -> str:
    # The date is in the name because cover starts and ends with the day,
    # with nothing written.
    return f"queue:{timezone.localdate().isoformat()}:{page_number}"


def read_with_user(user_id) -> list[str]:
    """Read with the user on every signed-in request (portal.user_cache): the
    navigation's count, and the first page of the queue, which is absent for
    whoever signs off nothing."""
    return [GENERATION_KEY, _key(user_id, "count"), _key(user_id, _queue_page_name(1))]


def remembered(user, name: str, compute):
    """Something about what waits for ``user`` (its count, a page of the queue),
    computed once and kept until sign-off next changes or the time runs out.
    Without the cache it is computed every time."""
    key = _key(user.pk, name)
    try:
        cached = user_cache.get_many(user, [GENERATION_KEY, key])
    except Exception as error:
        logger.warning("Cache unavailable (%s): working out what waits without it.", error)
        return compute()
    generation = cached.get(GENERATION_KEY)
    entry = cached.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    try:
        if generation is None:
            generation = uuid.uuid4().hex
            cache.add(GENERATION_KEY, generation, timeout=None)
        cache.set(key, (generation, value), settings.APPROVALS_WAITING_COUNT_SECONDS)
    except Exception as error:
        logger.warning("Cache unavailable (%s): what waits is not kept.", error)
    return value


def queue_page(user, page_number: int, render) -> str:
    """A page of the queue as ``render()`` makes it, kept until sign-off next
    changes."""
    return remembered(user, _queue_page_name(page_number), render)


def count_for(user) -> int:
    if not (user.is_authenticated and user.is_active):
        return 0
    return remembered(user, "count", lambda: selectors.count_waiting_for(user))


def start_new_generation(**kwargs) -> None:
    """Drop every cached count. Also run on migrate: a new database (the
    tests make one each run) numbers its people from 1 again."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as error:
        logger.warning("Cache unavailable (%s): counts of what waits may be stale.", error)


def changed() -> None:
    """Sign-off changed in the current transaction: drop the counts once it
    commits (before, a page could count the old state again under the new one)."""
    transaction.on_commit(start_new_generation)


def audit_written(sender, instance, created, **kwargs) -> None:
    if created:
        changed()


def routing_changed(sender, **kwargs) -> None:
    changed()
