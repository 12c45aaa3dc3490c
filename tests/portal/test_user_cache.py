"""Signed-in requests read their user from the cache, in the same round trip as
their session, yet every change to an account through Django takes effect on
its next request, and the password hash never leaves the database."""

import pickle

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import sessions, user_cache
from portal.cache import redis_cache
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("served_site")]

# Needs a signed-in user, and shows who it is in the header.
PAGE = "/search/"


@pytest.fixture
def alex():
    return UserFactory(username="alex", first_name="Alex", last_name="Author")


@pytest.fixture
def signed_in(client, alex):
    client.force_login(alex)
    assert "Alex Author" in client.get(PAGE).content.decode()
    return client


def user_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    return response, [q["sql"] for q in captured.captured_queries if "portal_user" in q["sql"]]


class RedisCalls:
    """Counts the commands sent to Redis through the cache, which still runs them."""

    def __init__(self, monkeypatch):
        self.commands = []
        client = cache._cache.get_client()
        run = client.execute_command

        def counted(*args, **options):
            self.commands.append(args[0])
            return run(*args, **options)

        monkeypatch.setattr(client, "execute_command", counted)


def test_a_signed_in_request_reads_no_user_from_the_database(signed_in):
    response, queries = user_queries(signed_in)
    assert response.status_code == 200
    assert queries == []


def test_the_session_and_its_user_come_in_one_round_trip(signed_in, monkeypatch):
    calls = RedisCalls(monkeypatch)
    signed_in.get(PAGE)
    assert calls.commands == ["MGET"]


def test_deactivating_an_account_signs_it_out_on_its_next_request(signed_in, alex):
    alex.is_active = False
    alex.save()
    assert signed_in.get(PAGE).status_code == 302


def test_a_bulk_deactivation_signs_out_too(signed_in, alex):
    # As Wagtail's "mark as inactive" does: one UPDATE, no save.
    type(alex).objects.filter(pk=alex.pk).update(is_active=False)
    assert signed_in.get(PAGE).status_code == 302


def test_deleting_an_account_signs_it_out(signed_in, alex):
    alex.delete()
    assert signed_in.get(PAGE).status_code == 302


def test_a_new_password_signs_out_the_sessions_made_with_the_old(signed_in, alex):
    alex.set_password("a-new-and-long-passphrase")
    alex.save()
    assert signed_in.get(PAGE).status_code == 302


def test_a_change_of_name_shows_on_the_next_page(signed_in, alex):
    alex.first_name = "Alexandra"
    alex.save()
    assert "Alexandra Author" in signed_in.get(PAGE).content.decode()


def test_a_row_read_before_a_change_and_kept_after_it_is_not_used(signed_in, alex):
    # A request read the row and the generations, another deactivated the
    # account, and only then did the first keep what it had read.
    found = cache.get_many(user_cache.keys_for(alex.pk))
    read_before = type(alex).objects.get(pk=alex.pk)
    alex.is_active = False
    alex.save()
    user_cache._keep(
        read_before, (found[user_cache.everyone_key()], found[user_cache._generation_key(alex.pk)])
    )
    assert signed_in.get(PAGE).status_code == 302


def test_the_cache_holds_no_password_hash(signed_in, alex):
    raw = cache._cache.get_client().get(cache.make_key(user_cache._entry_key(alex.pk)))
    assert raw is not None
    assert alex.password.encode() not in raw
    assert "password" not in pickle.loads(raw)[1]  # noqa: S301 - our own entry


def test_a_session_read_for_someone_else_is_not_taken_for_theirs(signed_in, client, alex):
    # Whatever the process remembers of whose a session is, the session's own
    # record of its user decides.
    sam = UserFactory(username="sam", first_name="Sam", last_name="Reader")
    sessions._owners[signed_in.session.session_key] = str(sam.pk)
    page = signed_in.get(PAGE).content.decode()
    assert "Alex Author" in page
    assert "Sam Reader" not in page


def test_with_the_cache_down_people_stay_signed_in(signed_in, settings):
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", prefix="down")}
    response = signed_in.get(PAGE)
    assert response.status_code == 200
    assert "Alex Author" in response.content.decode()


def test_a_migrated_database_forgets_every_cached_user(signed_in, alex):
    user_cache.everyone_changed()
    response, queries = user_queries(signed_in)
    assert response.status_code == 200
    assert len(queries) == 1


def test_the_user_is_kept_no_longer_than_the_setting(signed_in, alex):
    ttl = cache._cache.get_client().ttl(cache.make_key(user_cache._entry_key(alex.pk)))
    assert 0 < ttl <= settings.USER_CACHE_SECONDS


def test_signing_out_still_ends_the_session(signed_in):
    signed_in.post(reverse("logout"))
    assert signed_in.get(PAGE).status_code == 302


def test_a_new_secret_key_signs_out_the_sessions_made_with_the_old(signed_in, settings):
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-" + "x" * 40
    assert signed_in.get(PAGE).status_code == 302
