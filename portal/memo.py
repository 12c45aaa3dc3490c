"""Bounded in-process stores, shared by the threads of a process."""

import contextlib
import functools

from django.conf import settings


def keep(store: dict, key, value, limit: int) -> None:
    """``store[key] = value``, first dropping the oldest entry once ``store``
    holds ``limit``. Another thread may drop or add one at the same moment:
    then this one drops nothing, and the store is at most a few over."""
    if len(store) >= limit:
        with contextlib.suppress(StopIteration, RuntimeError):
            store.pop(next(iter(store)), None)
    store[key] = value


def remembered_unless_debugging(maxsize=None):
    """``functools.lru_cache`` for markup made from templates, except while
    DEBUG, when every call makes it again, so that edits show."""

    def decorate(function):
        remembered = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(*args):
            return function(*args) if settings.DEBUG else remembered(*args)

        return call

    return decorate
