"""The one bounded in-process store: least recently used entries go first.

For what never goes stale once made (markup keyed by everything it shows,
entries keyed by a generation): a process keeps the most recently used
instead of asking Redis and unpickling them again. Every store is listed
so that ``portal.caching.reset()`` empties them all.
"""

import threading

from cachetools import LRUCache
from django.conf import settings

_stores: list["LocalStore"] = []


class LocalStore:
    """A bounded mapping shared by the threads of a process. Keeps nothing
    while DEBUG, so that edits to templates show at once."""

    def __init__(self, maxsize: int):
        self._entries = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()
        _stores.append(self)

    def get(self, key, default=None):
        with self._lock:
            return self._entries.get(key, default)

    def set(self, key, value) -> None:
        if settings.DEBUG:
            return
        with self._lock:
            self._entries[key] = value

    def get_or_set(self, key, make):
        value = self.get(key)
        if value is None:
            value = make()
            self.set(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def clear_all() -> None:
    for store in _stores:
        store.clear()
