"""`make run` from a clean clone, as the README's first command: it serves
where it says, prints the address and the demo password last, and the
author signs in with them and lands on their home page; deactivated from
another process, they are signed out at their next request."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
READY_SECONDS = 420
DEACTIVATE_AUTHOR = (
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.filter(username='author').update(is_active=False)"
)


def _read_until(process, pattern: re.Pattern, deadline: float) -> tuple[re.Match, str]:
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = pattern.search("".join(seen[-5:]))
        if match:
            return match, "".join(seen)
    raise AssertionError("make run never printed it:\n" + "".join(seen[-40:]))


@pytest.fixture
def make_run(tmp_path):
    clone = tmp_path / "portal"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "TEST_", "PYTEST"))
    }
    # The suite's own virtual environment stands in for a fresh install; npm
    # installs, the CSS is built and the database made in the clone.
    process = subprocess.Popen(
        ["make", "run", f"VENV={Path(sys.prefix)}"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    process.clone = clone
    process.env = env
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_make_run_serves_where_it_says_and_the_author_signs_in(make_run, page):
    deadline = time.monotonic() + READY_SECONDS
    pattern = re.compile(
        r"The portal:\s+(?P<url>http://\S+)\n.*Sign in as:.*\n\s+Password:\s+(?P<password>\S+)\n"
    )
    printed, _ = _read_until(make_run, pattern, deadline)
    url = printed["url"]
    assert url == "http://127.0.0.1:8000/"
    _read_until(
        make_run, re.compile(r"Starting development server at http://127\.0\.0\.1:8000/"), deadline
    )
    page.goto(url)
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill(printed["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="What needs you now")).to_be_visible()
    expect(page.get_by_role("heading", name="Your recent posts")).to_be_visible()
    # The service's own page for a wrong address, not Django's debug page.
    page.goto(url + "posts/999999/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.locator("link[href$='application.css']")).to_have_count(1)
    heading_font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert heading_font.lower().startswith("arial"), "the styles are served"
    # An admin deactivates the account from another process: nothing any
    # process cached keeps the session going.
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", DEACTIVATE_AUTHOR],
        cwd=make_run.clone,
        env=make_run.env,
        check=True,
    )
    page.goto(url)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
