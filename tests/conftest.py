import pytest
from django.conf import settings
from django.core.cache import cache

from tests.services import missing_services


def pytest_sessionstart(session):
    problems = missing_services()
    if problems:
        pytest.exit("The tests need PostgreSQL and Redis.\n" + "\n".join(problems), returncode=3)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test's database starts again, but the cache in Redis outlives it: what
    one test cached of its rolled-back data (Wagtail's site root paths, the
    guidance directory) must not answer for the next. Only the cache's own keys
    go: the same Redis database is the Celery broker."""
    _forget_cached()
    yield
    _forget_cached()


def _forget_cached():
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)
