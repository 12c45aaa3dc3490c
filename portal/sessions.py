"""Sessions in the database, read in one query with their signed-in user.

Django reads a signed-in request's session, then its user: two queries.
Here the session's row names its user (``portal.models.Session``, the
documented way to extend the database session engine), and the user is
joined to the session when it is read, so a signed-in request costs one
query before a page does anything.

Nothing about who is signed in lives in the cache: signing out, or
deactivating an account, takes effect on the very next request whatever the
cache did, and a cache outage signs nobody out.
"""

import contextlib
import contextvars

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError

from portal.models import Session

# The session being read for the current request's user: its row's user is
# taken instead of reading the user again (portal.auth.signed_in_user).
_reading = contextvars.ContextVar("reading", default=None)


class SessionStore(db.SessionStore):
    # The user the session's row was read with, or None.
    row_user = None

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data.get(SESSION_KEY))
        return instance

    def _get_session_from_db(self):
        # Django's own, whose query joins the user (the model's manager does);
        # pinned by tests/portal/test_sessions.py, which counts the queries.
        row = super()._get_session_from_db()
        self.row_user = row.user if row is not None else None
        return row


def _user_id(value):
    if value is None:
        return None
    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return None


@contextlib.contextmanager
def reading(session):
    """Have ``user_read_with`` answer from ``session`` while its user is found."""
    token = _reading.set(session)
    try:
        yield
    finally:
        _reading.reset(token)


def user_read_with(user_id):
    """The user the session being read brought with it, if it is this one."""
    session = _reading.get()
    user = getattr(session, "row_user", None)
    if user is not None and str(user.pk) == str(user_id):
        return user
    return None
