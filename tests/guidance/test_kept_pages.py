"""A guidance page is rendered once and kept for every signed-in reader, with
their own header, sign-out token and session clock filled in on each request;
nothing of one reader or request reaches another, and a change shows at once."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from guidance.models import GuidancePage, PrinciplePage
from portal.caching.backend import redis_cache
from portal.middleware import LAST_SEEN_AT
from tests.factories import UserFactory
from tests.guidance.conftest import text_of

pytestmark = pytest.mark.django_db

PRINCIPLE = "/be-credible/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IDLE_LEFT = re.compile(r'data-idle-seconds-left="(\d+)"')


def reader(**names):
    client = Client()
    client.force_login(UserFactory(**names))
    return client


def without_placeholders(markup: str) -> str:
    markup = TOKEN.sub("TOKEN", markup)
    return re.sub(r'data-(idle|absolute)-seconds-left="\d+"', "SECONDS", markup)


def test_the_second_reader_gets_the_page_without_it_being_rendered_again(home):
    first = reader(first_name="Alex", last_name="Author").get(PRINCIPLE)
    second = reader(first_name="Sam", last_name="Reader").get(PRINCIPLE)
    assert "guidance/principle_page.html" in [t.name for t in first.templates]
    assert "guidance/principle_page.html" not in [t.name for t in second.templates]
    assert second.status_code == 200


def test_each_reader_sees_their_own_name_and_gets_their_own_token(home):
    alex = reader(first_name="Alex", last_name="Author").get(PRINCIPLE).content.decode()
    sam = reader(first_name="<Sam>", last_name="Reader").get(PRINCIPLE).content.decode()
    assert "Signed in as <strong>Alex Author</strong>" in alex
    assert "Signed in as <strong>&lt;Sam&gt; Reader</strong>" in sam
    assert "Alex" not in sam
    assert TOKEN.search(alex).group(1) != TOKEN.search(sam).group(1)


def test_a_kept_page_is_the_page_as_rendered_for_that_reader(home):
    client = reader(first_name="Alex", last_name="Author")
    rendered = client.get(PRINCIPLE)
    reused = client.get(PRINCIPLE)
    assert reused.templates == []
    assert without_placeholders(reused.content.decode()) == without_placeholders(
        rendered.content.decode()
    )


def test_the_session_clock_is_the_requests_own(home):
    client = reader()
    client.get(PRINCIPLE)
    session = client.session
    # Less than a minute: the request does not count as a fresh start.
    session[LAST_SEEN_AT] -= 40
    session.save()
    page = client.get(PRINCIPLE).content.decode()
    assert int(IDLE_LEFT.search(page).group(1)) <= settings.SESSION_IDLE_TIMEOUT - 40


def test_what_is_in_the_address_is_escaped_where_the_page_repeats_it(home):
    client = reader()
    client.get(PRINCIPLE)
    page = client.get(PRINCIPLE + '?x="><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)" not in page
    assert 'data-sign-in-url="/accounts/login/?next=/be-credible/%3Fx%3D' in page


def leave_message(client, text):
    """A message for the next page, as a form leaves one before redirecting."""
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode([Message(constants.SUCCESS, text)])


def test_a_message_waiting_for_the_reader_is_shown_not_lost(home):
    client = reader()
    client.get(PRINCIPLE)
    leave_message(client, "Thank you for confirming.")
    assert "Thank you for confirming." in text_of(client.get(PRINCIPLE))
    assert "Thank you for confirming." not in text_of(client.get(PRINCIPLE))


def test_a_published_change_is_shown_to_the_next_reader(home):
    client = reader()
    client.get(PRINCIPLE)
    principle = PrinciplePage.objects.child_of(home).get(number=1)
    principle.statement = "Be credible, and be seen to be."
    principle.save_revision().publish()
    assert "Be credible, and be seen to be." in text_of(client.get(PRINCIPLE))


def test_a_parent_renamed_shows_in_its_childrens_breadcrumbs(home):
    parent = GuidancePage(title="Using social media")
    home.add_child(instance=parent)
    parent.save_revision().publish()
    child = GuidancePage(title="Replying to the public")
    parent.add_child(instance=child)
    child.save_revision().publish()
    client = reader()
    path = "/using-social-media/replying-to-the-public/"
    assert "Using social media" in text_of(client.get(path))
    parent.refresh_from_db()
    parent.title = "Social media at work"
    parent.save_revision().publish()
    breadcrumbs = text_of(client.get(path))
    assert "Social media at work" in breadcrumbs
    assert "Using social media" not in breadcrumbs


def test_with_the_cache_down_readers_still_get_the_guidance(home, settings):
    client = reader()
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", "down")}
    response = client.get(PRINCIPLE)
    assert response.status_code == 200
    assert "Principle 1 Be credible" in text_of(response)
