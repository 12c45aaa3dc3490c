"""The cache backend: django-redis, failing open, with short timeouts and a breaker.

A cache that is down or hung must make pages slower, never make them fail
or hang. So, in this one place:

- django-redis's ``IGNORE_EXCEPTIONS``: a read that fails is a miss and a
  write that fails is skipped; no caller writes its own try/except;
- connect and read timeouts well under a second, and no retries: redis-py
  would otherwise retry each command three times;
- a breaker: once a command has failed, the process stops asking for
  ``CACHE_BREAKER_SECONDS`` and treats every call as a miss at once, rather
  than paying the timeout on each of the several calls a page makes.

Every key begins with a prefix that names the deployment (a digest of the
SECRET_KEY and the database), so that two sites sharing one Redis (a
staging and a training site, say) never read each other's entries.
"""

import hashlib
import logging
import threading
import time

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Seconds: how long a Redis that does not answer may hold a request up.
CONNECT_TIMEOUT = 0.25
READ_TIMEOUT = 0.25


class Breaker:
    """Whether the cache failed within the last ``CACHE_BREAKER_SECONDS``.

    One per process: every thread and every client of the process shares
    what one of them found."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0
        self.failures = 0

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self, error: Exception) -> None:
        with self._lock:
            if not self.is_open():
                logger.warning("Cache unreachable (%s): pages are served without it.", error)
            self.failures += 1
            self._open_until = time.monotonic() + settings.CACHE_BREAKER_SECONDS

    def close(self) -> None:
        with self._lock:
            self._open_until = 0.0


breaker = Breaker()


class BreakerRedis(redis.Redis):
    """A redis-py client that answers at once while the breaker is open, and
    opens it when a command fails to reach Redis."""

    def execute_command(self, *args, **options):
        if breaker.is_open():
            raise redis.ConnectionError("The cache failed a moment ago; not asked again yet.")
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            breaker.trip(error)
            raise

    def pipeline(self, *args, **kwargs):
        if breaker.is_open():
            raise redis.ConnectionError("The cache failed a moment ago; not asked again yet.")
        return super().pipeline(*args, **kwargs)


def deployment_prefix(name: str, secret_key: str, database: dict) -> str:
    """A key prefix naming this deployment: its SECRET_KEY and its database."""
    where = "|".join(
        [secret_key, *(str(database.get(part) or "") for part in ("HOST", "PORT", "NAME"))]
    )
    return f"{name}:{hashlib.sha256(where.encode()).hexdigest()[:12]}"


def redis_cache(url: str, prefix: str) -> dict:
    """The CACHES entry for a Redis at ``url``."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": CONNECT_TIMEOUT,
            "SOCKET_TIMEOUT": READ_TIMEOUT,
            "REDIS_CLIENT_CLASS": "portal.caching.backend.BreakerRedis",
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        },
    }


def file_cache(directory: str) -> dict:
    """The CACHES entry without Redis (``make run``): files that the web
    process, the worker and beat all see, so that what one of them drops
    (a page published on schedule by the worker) is dropped for all."""
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": directory}
