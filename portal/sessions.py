"""Sessions as Django's cached_db keeps them, read in one round trip with their user.

A signed-in request reads its session from the cache, and then its user
(portal.user_cache): two round trips to Redis, one waiting on the other. A
session never changes hands (signing in or out starts a new one), so each
process remembers whose sessions it has seen and reads such a session and
its user's entries together. The user's entries are used only when the
session read names the same user; otherwise the user is read as usual.

Sessions are in the database too, so when the cache is down they are read
from there and the cache is left alone, as cached_db already does on saving.
Deleting one still needs the cache, or the cache would go on answering for
it once back.
"""

import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db

from portal import memo, user_cache

logger = logging.getLogger(__name__)

# Session key to user id, for the sessions this process has read; oldest
# dropped first once full.
_owners: dict = {}
OWNERS_KEPT = 10_000


class SessionStore(cached_db.SessionStore):
    # What was read of the user's entries with the session: (user id, their
    # keys, what was found).
    read_with_user = None

    def load(self):
        owner = _owners.get(self.session_key) if self.session_key else None
        data = self._from_cache(owner)
        if data is None:
            data = self._from_database()
        user_id = data.get(SESSION_KEY)
        if user_id is not None and user_id != owner:
            memo.keep(_owners, self.session_key, user_id, OWNERS_KEPT)
        return data

    def _from_cache(self, owner):
        user_keys = user_cache.keys_for(owner) if owner is not None else []
        try:
            found = self._cache.get_many([self.cache_key, *user_keys])
        except Exception as error:
            logger.warning("Cache unavailable (%s): the session read from the database.", error)
            return None
        data = found.pop(self.cache_key, None)
        if data is not None and owner is not None:
            self.read_with_user = (owner, user_keys, found)
        return data

    def _from_database(self):
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception as error:
            logger.warning("Cache unavailable (%s): the session is not kept in it.", error)
        return data
