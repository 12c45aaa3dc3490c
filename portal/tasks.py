from celery import shared_task


@shared_task(ignore_result=False)
def ping(payload: str) -> str:
    """Answer with the payload: proves a worker takes tasks from the broker."""
    return f"pong:{payload}"


@shared_task
def repair_cache() -> int:
    """Drop what the cache kept from before an outage in which it missed an
    invalidation (portal.caching.generations)."""
    from portal.caching import generations

    return generations.repair()
