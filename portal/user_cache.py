"""The signed-in user read from the cache, not the database, on each request.

Django reads the user's row on every signed-in request, after a health check
of the database connection: two round trips to PostgreSQL before a page does
anything. Here the user comes from the cache (Redis in production), in one
round trip with what else every signed-in page reads from it (``read_ahead``:
the count of what waits for sign-off, which guidance directory is current),
and from the database when the cache does not have it or is down.

The password hash is not put in the cache. The user comes back with it
deferred, and with the session's auth hash (an HMAC of it) worked out when
the row was read, which is all Django checks on each request.

Each entry names two generations, and counts only while both are current:
the user's own, which saving or deleting the row starts afresh, and
everyone's, which a bulk update of users (Wagtail's "mark as inactive") or
a migration starts afresh. Each is started both at the change and once it
commits, so a request that read the row in between cannot keep what it read.
Every key also names a digest of the SECRET_KEY and the database, so a new
key signs out the sessions made with the old at once, and another database
sharing the same Redis meets none of these entries.

Deactivating an account therefore signs it out on its next request, by any
route through Django. A change made to the table outside Django, or while
the cache could not be reached, shows within USER_CACHE_SECONDS.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

# In every key: bump it when the shape of an entry changes.
CACHE_SHAPE = 1


def _namespace() -> str:
    # Entries hold a session hash made with the SECRET_KEY, and users by their
    # id in one database: a new key, or another database sharing this Redis,
    # must meet none of them.
    database = settings.DATABASES["default"]
    return _namespace_for(
        settings.SECRET_KEY, *(str(database.get(part)) for part in ("HOST", "PORT", "NAME"))
    )


@functools.lru_cache(maxsize=8)
def _namespace_for(*where: str) -> str:
    return f"users:{CACHE_SHAPE}:{hashlib.sha256('|'.join(where).encode()).hexdigest()[:16]}"


def everyone_key(namespace: str | None = None) -> str:
    return f"{namespace or _namespace()}:generation"


NOT_CACHED = frozenset({"password"})
SESSION_HASH = "session_auth_hash"
# Outlives every entry, so that an entry never meets a restarted generation
# that happens to be missing, not changed.
GENERATION_TIMEOUT = 60 * 60 * 24

_read_ahead = []


def _entry_key(user_id, namespace: str | None = None) -> str:
    return f"{namespace or _namespace()}:{user_id}"


def _generation_key(user_id, namespace: str | None = None) -> str:
    return f"{namespace or _namespace()}:{user_id}:generation"


def read_ahead(keys_for) -> None:
    """Have every signed-in request read ``keys_for(user_id)`` from the cache
    along with the user; ``get_many`` then answers for them without Redis."""
    _read_ahead.append(keys_for)


def get_many(user, keys) -> dict:
    """``cache.get_many(keys)``, answered from what was read ahead with the
    user when it read all of them."""
    read = getattr(user, "_read_ahead", None)
    if read is not None and read[0].issuperset(keys):
        return {key: read[1][key] for key in keys if key in read[1]}
    return cache.get_many(keys)


def keys_for(user_id) -> list[str]:
    """What ``load`` reads from the cache for this user."""
    # Worked out once for the three keys: this runs on every signed-in request.
    namespace = _namespace()
    extra = [key for keys_for in _read_ahead for key in keys_for(user_id)]
    return [
        everyone_key(namespace),
        _generation_key(user_id, namespace),
        _entry_key(user_id, namespace),
        *extra,
    ]


# The session whose user is being loaded: portal.sessions reads the user's
# entries with it, as (user id, their keys, what was found).
_loading_for = contextvars.ContextVar("loading_for", default=None)


@contextlib.contextmanager
def loading_for(session):
    """Have ``load`` take what ``session`` read of its user's entries."""
    token = _loading_for.set(session)
    try:
        yield
    finally:
        _loading_for.reset(token)


def load(user_id):
    """The user with this id, active or not, or None when there is none."""
    User = get_user_model()
    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    read = getattr(_loading_for.get(), "read_with_user", None)
    if read is not None and str(read[0]) == str(user_id):
        _, keys, found = read
    else:
        keys = keys_for(user_id)
        try:
            found = cache.get_many(keys)
        except Exception as error:
            logger.warning(
                "Cache unavailable (%s): the signed-in user read from the database.", error
            )
            return User._default_manager.filter(pk=user_id).first()
    everyone, own, entry_key, *extra = keys
    generations = (found.get(everyone), found.get(own))
    entry = found.get(entry_key)
    user = None
    if None not in generations and entry is not None and entry[0] == generations:
        user = _from_entry(User, entry[1])
    if user is None:
        user = User._default_manager.filter(pk=user_id).first()
        if user is not None:
            _keep(user, generations)
    if user is not None:
        user._read_ahead = (frozenset(extra), found)
    return user


def _keep(user, generations) -> None:
    everyone, own = generations
    try:
        if everyone is None:
            everyone = uuid.uuid4().hex
            cache.add(everyone_key(), everyone, timeout=None)
        if own is None:
            own = uuid.uuid4().hex
            cache.add(_generation_key(user.pk), own, timeout=GENERATION_TIMEOUT)
        values = {
            field.attname: getattr(user, field.attname)
            for field in user._meta.concrete_fields
            if field.attname not in NOT_CACHED
        }
        values[SESSION_HASH] = user.get_session_auth_hash()
        cache.set(_entry_key(user.pk), ((everyone, own), values), settings.USER_CACHE_SECONDS)
    except Exception as error:
        logger.warning("Cache unavailable (%s): the signed-in user is not kept.", error)


def _from_entry(User, values):
    names = [
        field.attname for field in User._meta.concrete_fields if field.attname not in NOT_CACHED
    ]
    if values.keys() != {*names, SESSION_HASH}:
        # Kept by a release with other fields.
        return None
    user = User.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])
    user.cached_session_auth_hash = values[SESSION_HASH]
    return user


def _start_generation(key, timeout) -> None:
    def start():
        try:
            cache.set(key, uuid.uuid4().hex, timeout=timeout)
        except Exception as error:
            logger.warning("Cache unavailable (%s): a cached user may be stale.", error)

    start()
    transaction.on_commit(start)


def user_changed(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a user."""
    _start_generation(_generation_key(instance.pk), GENERATION_TIMEOUT)


def everyone_changed(**kwargs) -> None:
    """Users changed in bulk, or the database was migrated (a new test
    database numbers its users from 1 again)."""
    _start_generation(everyone_key(), None)
