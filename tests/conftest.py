import pytest

from portal import caching
from tests.services import missing_services


def pytest_sessionstart(session):
    problems = missing_services()
    if problems:
        pytest.exit("The tests need PostgreSQL and Redis.\n" + "\n".join(problems), returncode=3)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test's database starts again, but the cache in Redis and the
    in-process stores outlive it: what one test cached of its rolled-back data
    must not answer for the next."""
    caching.reset()
    yield
    caching.reset()
