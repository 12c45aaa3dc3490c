import os
import shutil
from dataclasses import dataclass

import pytest

from approvals.authority import groups
from approvals.models import Authority
from tests.factories import PASSWORD, DepartmentFactory, StaffProfileFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by fixtures around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real sign-in form, by keyboard, as a person would."""

    def _sign_in(username, password=PASSWORD, next_path="/"):
        page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_label("Password").press("Enter")
        page.wait_for_load_state()
        return page

    return _sign_in


@dataclass
class Team:
    """A Cabinet Office author, their line manager and a press officer who
    approves posts for the department."""

    department: object
    manager: object
    author: object
    press: object


@pytest.fixture
def team() -> Team:
    department = DepartmentFactory(name="Cabinet Office", slug="cabinet-office", abbreviation="CO")
    manager = UserFactory(username="manager", first_name="Morgan", last_name="Manager")
    author = UserFactory(username="author", first_name="Alex", last_name="Author")
    press = UserFactory(username="press", first_name="Priya", last_name="Press")
    StaffProfileFactory(user=manager, department=department, job_title="Head of digital")
    StaffProfileFactory(
        user=author, department=department, job_title="Engagement officer", line_manager=manager
    )
    StaffProfileFactory(user=press, department=department, job_title="Press officer")
    groups.authority_group(department, Authority.APPROVE_POSTS).user_set.add(press)
    return Team(department, manager, author, press)
