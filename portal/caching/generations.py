"""Version stamps ("generations"): how every cached thing is dropped.

Each scope (the guidance, what waits for sign-off) has a generation in the
cache, and each entry of that scope is kept with the generation it was made
under. Starting a new generation drops every entry of the scope at once,
with no list of keys to find. An entry counts only while its generation is
current.

A change starts a new generation twice: at once, and again when its
transaction commits, so that an entry worked out from the database before
the commit, and kept in between, never counts afterwards.

When the cache cannot be reached at that moment, the scope is written down
in the database (``MissedInvalidation``) and started anew once the cache is
back: by this process at its next request, and by the ``repair_cache`` task
every minute for the others. No entry made before an outage outlives it.
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction

from portal.caching.backend import breaker

# Set when this process wrote down a missed invalidation; its next request
# repairs it as soon as the cache answers.
_missed_here = False


def _key(scope: str) -> str:
    return f"generation:{scope}"


def current(scope: str) -> str | None:
    """The scope's generation now, starting one if there is none; None when
    the cache cannot be reached (keep nothing then)."""
    generation = cache.get(_key(scope))
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(_key(scope), generation, timeout=None):
            generation = cache.get(_key(scope))
    return generation


@dataclass(frozen=True)
class Kept:
    """``compute()``, to be kept under ``key`` until the ``scope``'s next
    generation or ``timeout`` seconds: one of the things ``remember_all``
    reads together."""

    scope: str
    key: str
    compute: Callable[[], Any]
    timeout: int


def remember(scope: str, key: str, compute, timeout: int):
    """``compute()``, kept under ``key`` until the scope's next generation or
    ``timeout`` seconds. One round trip when it is kept; without the cache it
    is computed every time."""
    return value(Kept(scope, key, compute, timeout))


def value(wanted):
    """What ``wanted`` is, read from the cache when it is a ``Kept``."""
    (found,) = remember_all([wanted])
    return found


def remember_all(wanted: Sequence) -> list:
    """Each of ``wanted`` as ``remember`` gives it, when it is a ``Kept``, and
    as it is otherwise: what a page asks on every request (the navigation's
    counts) read in one round trip for all once they are kept."""
    asked = [item for item in wanted if isinstance(item, Kept)]
    if not asked:
        return list(wanted)
    found = cache.get_many(
        list(dict.fromkeys([_key(item.scope) for item in asked] + [item.key for item in asked]))
    )
    return [_kept_or_computed(item, found) if isinstance(item, Kept) else item for item in wanted]


def _kept_or_computed(item: Kept, found: dict):
    generation = found.get(_key(item.scope))
    entry = found.get(item.key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1]
    computed = item.compute()
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(_key(item.scope), generation, timeout=None):
            # A change started one while this was computed: keep nothing.
            return computed
        found[_key(item.scope)] = generation
    cache.set(item.key, (generation, computed), item.timeout)
    return computed


def _start(scopes) -> bool:
    """New generations for ``scopes``; False when the cache could not be told."""
    failures = breaker.failures
    for scope in scopes:
        cache.set(_key(scope), uuid.uuid4().hex, timeout=None)
    return not breaker.is_open() and breaker.failures == failures


def start_new(*scopes: str) -> None:
    """Drop every entry of ``scopes``: now, and once the transaction commits."""

    def start():
        if not _start(scopes):
            _write_down(scopes)

    start()
    transaction.on_commit(start)


def _write_down(scopes) -> None:
    global _missed_here
    from portal.caching.models import MissedInvalidation

    MissedInvalidation.objects.bulk_create(MissedInvalidation(scope=scope) for scope in scopes)
    _missed_here = True


def repair() -> int:
    """Start anew every scope whose invalidation the cache missed, once the
    cache answers. Returns how many were repaired."""
    global _missed_here
    from portal.caching.models import MissedInvalidation

    missed = list(MissedInvalidation.objects.values_list("pk", "scope"))
    if not missed:
        _missed_here = False
        return 0
    if not _start({scope for _, scope in missed}):
        return 0
    MissedInvalidation.objects.filter(pk__lte=max(pk for pk, _ in missed)).delete()
    _missed_here = False
    return len(missed)


def forget_missed() -> None:
    """Forget that this process missed an invalidation: the record of it is
    in a database that a test has since rolled back."""
    global _missed_here
    _missed_here = False


def repair_due() -> bool:
    """Whether this process missed an invalidation and the cache may be back."""
    return _missed_here and not breaker.is_open()


class RepairMiddleware:
    """Repairs, at the start of a request, what this process missed while the
    cache was down, as soon as it is back: costs nothing otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if repair_due():
            repair()
        return self.get_response(request)
