from pathlib import Path

import pytest
from django.db import connection, transaction

from portal import caching
from tests.services import missing_services
from tests.sso_provider.harness import IdentityProvider

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def is_unit(item) -> bool:
    return item.get_closest_marker("unit") is not None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tiers, before `-m` picks among them: every test in tests/browser
    drives Chromium, and a test that is not unit, worker or browser is an
    integration test on PostgreSQL and Redis."""
    for item in items:
        if is_unit(item) and item.get_closest_marker("django_db"):
            # It would build the test database: seconds of `make test-unit`
            # spent on what a unit test must not need.
            raise pytest.UsageError(f"{item.nodeid} is marked unit but uses the database")
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        if not any(item.get_closest_marker(tier) for tier in ("unit", "worker", "browser")):
            item.add_marker(pytest.mark.integration)


def pytest_collection_finish(session):
    """Services are asked for only when a selected test needs them: `pytest -m
    unit` runs with neither PostgreSQL nor Redis up."""
    if session.config.option.collectonly or all(is_unit(item) for item in session.items):
        return
    problems = missing_services()
    if problems:
        pytest.exit("The tests need PostgreSQL and Redis.\n" + "\n".join(problems), returncode=3)


@pytest.fixture(autouse=True, scope="session")
def flush_past_the_audit_trail():
    """Transactional tests end with Django's flush: one TRUNCATE of every table,
    which the audit trail's trigger refuses, as it refuses anyone. The test
    database is the owner's to wipe, and the owner here is a superuser: the
    flush runs as a replica session, in which ordinary triggers do not fire."""
    operations = type(connection.ops)
    flush = operations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            flush(self, sql_list)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "execute_sql_flush", execute_sql_flush)
        yield


@pytest.fixture(autouse=True)
def fresh_cache(request):
    """Each test's database starts again, but the cache in Redis and the
    in-process stores outlive it: what one test cached of its rolled-back data
    must not answer for the next. A unit test runs where Redis may not be up,
    and has only the in-process stores to start afresh."""
    reset = caching.reset_in_process if is_unit(request.node) else caching.reset
    reset()
    yield
    reset()


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """A real OpenID provider (tests/sso_provider), started for the first test
    that asks for it and stopped when the session ends, pass or fail. Its
    people and clients last the session: give each test its own."""
    with IdentityProvider(tmp_path_factory.mktemp("sso-provider")) as provider:
        yield provider
