"""Bounded in-process stores, shared by the threads of a process."""

import contextlib


def keep(store: dict, key, value, limit: int) -> None:
    """``store[key] = value``, first dropping the oldest entry once ``store``
    holds ``limit``. Another thread may drop or add one at the same moment:
    then this one drops nothing, and the store is at most a few over."""
    if len(store) >= limit:
        with contextlib.suppress(StopIteration, RuntimeError):
            store.pop(next(iter(store)), None)
    store[key] = value
