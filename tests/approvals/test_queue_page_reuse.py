"""The sign-off queue's page around its list is rendered once and reused: each
approver still sees only what waits for them, under their own header, and a
message after a decision is shown."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse

from approvals import services
from approvals.models import Outcome

pytestmark = pytest.mark.django_db

QUEUE = reverse("approvals:queue")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def layout_rendered(response) -> bool:
    return "base.html" in [template.name for template in response.templates]


def test_each_approver_sees_their_own_queue_under_their_own_name(org, make_post):
    make_post(org.author, text="Cabinet Office: our consultation opens today.")
    make_post(org.treasury_author, text="HM Treasury: the spending review is out.")
    manager = client_for(org.manager)
    manager.get(QUEUE)  # rendered, unless an earlier test's request was
    treasury = client_for(org.treasury_manager).get(QUEUE)
    mine = manager.get(QUEUE)
    assert not layout_rendered(treasury)
    assert not layout_rendered(mine)
    assert "our consultation opens today" in mine.content.decode()
    assert "spending review" not in mine.content.decode()
    assert "spending review" in treasury.content.decode()
    assert "our consultation opens today" not in treasury.content.decode()
    assert org.treasury_manager.username not in mine.content.decode()


def test_a_decision_shows_in_the_queue_at_once(org, make_post, django_capture_on_commit_callbacks):
    post = make_post(org.author, text="Cabinet Office: our consultation opens today.")
    manager = client_for(org.manager)
    assert "our consultation opens today" in manager.get(QUEUE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(
            post_id=post.pk,
            version_id=post.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )
    assert "our consultation opens today" not in manager.get(QUEUE).content.decode()


def test_a_message_waiting_for_the_approver_is_shown_once(org):
    manager = client_for(org.manager)
    manager.get(QUEUE)
    storage = CookieStorage(RequestFactory().get("/"))
    manager.cookies[storage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "You approved the post.")]
    )
    assert "You approved the post." in manager.get(QUEUE).content.decode()
    assert "You approved the post." not in manager.get(QUEUE).content.decode()


def test_while_debugging_the_page_is_rendered_every_time(org, settings):
    settings.DEBUG = True
    manager = client_for(org.manager)
    manager.get(QUEUE)
    assert layout_rendered(manager.get(QUEUE))
