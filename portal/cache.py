"""Django's Redis cache, with one Redis client per server instead of one per call.

Django's backend builds a new ``redis.Redis`` for every cache operation, and
redis-py fills in over a hundred response callbacks each time it builds one:
about 0.2 ms per call, three or four calls on every signed-in page. A client
is only a handle on its connection pool and is safe to share between threads,
so here each pool's client is built once and kept.

Django also checks every key against memcached's rules, character by
character, to warn of keys memcached would refuse; Redis takes any key, and
a signed-in page reads seven, so that check is left out.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def validate_key(self, key):
        pass


def redis_cache(url: str, prefix: str) -> dict:
    """The CACHES entry for a Redis at ``url``."""
    return {"BACKEND": "portal.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
