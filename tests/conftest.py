import pytest

from tests.services import missing_services


def pytest_sessionstart(session):
    problems = missing_services()
    if problems:
        pytest.exit("The tests need PostgreSQL and Redis.\n" + "\n".join(problems), returncode=3)
