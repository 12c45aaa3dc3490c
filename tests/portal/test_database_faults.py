"""The database restarted under a running web process: a connection kept from
before it is found broken and replaced before the request uses it, so nobody
sees an error page."""

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kept_connections():
    """Connections kept between requests and checked before reuse, as in
    production (the test settings close them after every request)."""
    saved = {
        name: connection.settings_dict[name] for name in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")
    }
    connection.settings_dict.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    yield
    connection.settings_dict.update(saved)


def served(path: str, cookie: str = "") -> tuple[str, bytes]:
    """A request through the WSGI handler a server runs, with its signals: unlike
    the test client, it checks kept connections at the start of each request."""
    environ = RequestFactory().get(path).environ
    environ["HTTP_COOKIE"] = cookie
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers, *_: statuses.append(status)))
    return statuses[0], body


def restart_seen_by_this_process():
    """What a restart does to the connection this process kept: the server
    ends it."""
    pid = connection.connection.info.backend_pid
    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
        dbname="postgres",
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_page_after_the_database_restarted_is_served(kept_connections):
    client = Client()
    client.force_login(UserFactory())
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status, _ = served("/readyz/", cookie)
    assert status.startswith("200")
    restart_seen_by_this_process()
    status, body = served("/readyz/", cookie)
    assert status.startswith("200"), body
    assert body == b"database ok\ncache ok\n"
