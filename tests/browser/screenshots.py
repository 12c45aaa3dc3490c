"""`make screenshots`: every page as each demo user sees it, at 375 and 1280
pixels wide, written as PNG files for review (not a test, and not collected
by the suite; the folder is not committed).

    make screenshots                      # into screenshots/
    make screenshots SCREENSHOTS=/tmp/s   # elsewhere
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from approvals.models import Department, Post, PostStatus

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (375, 1280)
OUT = Path(os.environ.get("SCREENSHOTS", "screenshots"))

# (user, page name, path or a function of the demo data giving one)
PAGES = [
    (None, "sign-in", "/accounts/login/"),
    (None, "accessibility", "/accessibility/"),
    ("reader", "home", "/"),
    ("reader", "principle", "/be-credible/"),
    ("reader", "search", "/search/?q=libel"),
    ("reader", "confirm-principles", "/acknowledgement/"),
    ("reader", "page-not-found", "/no-such-page/"),
    ("author", "home", "/"),
    ("author", "posts", "/posts/"),
    ("author", "propose", "/posts/new/"),
    ("author", "a-draft", lambda: _post("author", PostStatus.DRAFT)),
    ("author", "changes-requested", lambda: _post("author", PostStatus.CHANGES_REQUESTED)),
    ("author", "waiting", lambda: _post("author", PostStatus.SUBMITTED)),
    ("author", "advice", "/advice/"),
    ("author", "ask-for-advice", "/advice/new/"),
    ("manager", "home", "/"),
    ("manager", "queue", "/approvals/"),
    ("manager", "decide", lambda: _decide("manager")),
    ("manager", "cover", "/cover/"),
    ("manager", "advice-waiting", "/advice/waiting/"),
    ("manager", "advice-request", lambda: _advice_waiting()),
    ("manager", "calendar", "/calendar/"),
    ("manager", "calendar-feed", "/calendar/feed/"),
    ("press", "queue", "/approvals/"),
    ("admin", "home", "/"),
    ("admin", "departments", "/departments/"),
    ("admin", "department", lambda: f"/departments/{Department.objects.first().slug}/"),
    ("editor", "home", "/"),
]


def _post(username, status):
    post = Post.objects.filter(author__username=username, status=status).first()
    return f"/posts/{post.pk}/" if post else None


def _advice_waiting():
    from approvals.models import AdviceRequest

    waiting = AdviceRequest.objects.filter(answer="").first()
    return f"/advice/{waiting.pk}/" if waiting else None


def _decide(username):
    from django.contrib.auth import get_user_model

    from approvals import routing

    user = get_user_model().objects.get(username=username)
    post = routing.waiting_for(user).first()
    return f"/approvals/{post.pk}/" if post else None


def test_screenshots(page, live_server, settings):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    OUT.mkdir(parents=True, exist_ok=True)
    signed_in_as = "nobody"
    for username, name, where in PAGES:
        path = where() if callable(where) else where
        if path is None:
            continue
        if username != signed_in_as:
            page.context.clear_cookies()
            if username:
                page.goto(f"{live_server.url}/accounts/login/")
                page.get_by_label("Username").fill(username)
                page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
                page.get_by_role("button", name="Sign in").click()
            signed_in_as = username
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            page.screenshot(path=OUT / f"{username or 'anyone'}-{name}-{width}.png", full_page=True)
