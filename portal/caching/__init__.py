"""The portal's one cache layer.

- ``backend``: django-redis, failing open with short timeouts and a breaker;
  every key names the deployment.
- ``generations``: the one version-stamp helper every cached thing uses,
  and the repair of invalidations missed while the cache was down.
- ``invalidation``: every rule for dropping cached entries.
- ``store``: the one bounded in-process store (least recently used).
- ``placeholders``: donut caching, for pages kept whole but for their
  per-request parts.

``reset()`` empties all of it; every test starts from it (a unit test, which
reaches no Redis, from ``reset_in_process()``).
"""


def reset_in_process() -> None:
    """Empty every in-process store, forget any failure the breaker
    remembers and any invalidation this process wrote down as missed."""
    from portal.caching import generations, store
    from portal.caching.backend import breaker

    store.clear_all()
    breaker.close()
    generations.forget_missed()


def reset() -> None:
    """Everything ``reset_in_process`` empties, and this deployment's keys in
    the cache."""
    from django.core.cache import cache

    reset_in_process()
    if hasattr(cache, "delete_pattern"):
        # Only this deployment's keys: the same Redis may be the Celery broker.
        cache.delete_pattern("*")
    else:
        cache.clear()


def reachable() -> bool:
    """Whether the cache answers now (the readiness check)."""
    from django.core.cache import cache

    from portal.caching.backend import breaker

    failures = breaker.failures
    cache.get("reachable")
    return not breaker.is_open() and breaker.failures == failures
