"""Redis stopped, hung or flushed, on a Redis server of the test's own: every
page, sign-in, sign-out and publication works from PostgreSQL, nothing waits
on a hung server for long, and nothing the cache missed outlives the outage."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from approvals.posts import waiting
from guidance import seeding
from guidance.models import PrinciplePage
from portal import caching
from portal.caching import generations
from portal.caching.backend import breaker, redis_cache
from portal.caching.models import MissedInvalidation
from portal.tasks import repair_cache
from tests.approvals.background import PrivateRedis
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
PRINCIPLE = "/be-credible/"
# A signed-in page asks the cache a few times; hung, each ask may wait for
# the socket's timeout once before the breaker stops the rest.
HUNG_PAGE_SECONDS = 2.0


@pytest.fixture
def own_redis(settings):
    server = PrivateRedis().start()
    settings.CACHES = {"default": redis_cache(server.url, "portal-test")}
    yield server
    server.resume()
    server.stop()


@pytest.fixture
def guidance(db):
    return seeding.seed_guidance()


def signed_in(username="reader") -> Client:
    UserFactory(username=username, password=PASSWORD)
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def body(response) -> str:
    return response.content.decode()


def test_with_redis_stopped_people_sign_in_read_and_sign_out(own_redis, guidance):
    own_redis.stop()
    client = signed_in()
    for path in ["/", PRINCIPLE, "/card/", "/search/?q=libel", "/acknowledgement/"]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Be credible" in body(client.get(PRINCIPLE))
    client.post(reverse("logout"))
    assert client.get(PRINCIPLE).status_code == 302


def test_with_redis_stopped_a_publication_goes_live_and_shows(own_redis, guidance):
    client = signed_in()
    assert "Be credible" in body(client.get(PRINCIPLE))
    own_redis.stop()
    principle = PrinciplePage.objects.get(number=1)
    principle.title = "Be credible, always"
    principle.save_revision().publish()
    assert "Be credible, always" in body(client.get(PRINCIPLE))


def test_a_session_signed_out_while_redis_was_down_stays_signed_out(own_redis, guidance):
    client = signed_in()
    cookie = client.cookies["sessionid"].value
    own_redis.stop()
    client.post(reverse("logout"))
    own_redis.start()
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get(PRINCIPLE).status_code == 302


def test_with_redis_hung_a_page_does_not_wait_for_it(own_redis, guidance):
    client = signed_in()
    client.get(PRINCIPLE)
    own_redis.hang()
    started = time.monotonic()
    for path in ["/", PRINCIPLE, reverse("approvals:queue")]:
        assert client.get(path).status_code == 200
    assert time.monotonic() - started < HUNG_PAGE_SECONDS * 3
    assert breaker.is_open()


def test_readiness_tells_the_truth_about_the_cache(own_redis, client):
    assert body(client.get("/readyz/")) == "database ok\ncache ok\n"
    own_redis.stop()
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert body(response) == "database ok\ncache unavailable\n"
    # Liveness depends on neither.
    assert client.get("/healthz/").status_code == 200


def test_a_change_the_hung_cache_missed_is_not_served_once_it_is_back(own_redis, guidance):
    client = signed_in()
    assert "Be credible" in body(client.get(PRINCIPLE))
    own_redis.hang()
    principle = PrinciplePage.objects.get(number=1)
    principle.title = "Be credible, always"
    principle.save_revision().publish()
    assert MissedInvalidation.objects.exists()
    own_redis.resume()
    breaker.close()
    # The process that missed it repairs it at its next request.
    assert "Be credible, always" in body(client.get(PRINCIPLE))
    assert not MissedInvalidation.objects.exists()


def test_another_process_is_put_right_by_the_repair_task(own_redis, guidance, settings):
    """A process cut off from Redis (a partition: Redis keeps its data) misses
    the invalidation; what the others still read from Redis is dropped by
    the task beat runs every minute."""
    reader = signed_in()
    assert "Be credible" in body(reader.get(PRINCIPLE))
    generation = generations.current("guidance")
    shared = settings.CACHES
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", "portal-test")}
    principle = PrinciplePage.objects.get(number=1)
    principle.title = "Be credible, always"
    principle.save_revision().publish()
    settings.CACHES = shared
    breaker.close()
    assert generations.current("guidance") == generation  # still stale in Redis
    assert repair_cache() > 0
    assert not MissedInvalidation.objects.exists()
    assert generations.current("guidance") != generation
    assert "Be credible, always" in body(reader.get(PRINCIPLE))


def test_with_redis_flushed_everything_is_worked_out_again(own_redis, guidance):
    client = signed_in()
    client.get(PRINCIPLE)
    own_redis.flush()
    caching.store.clear_all()
    assert "Be credible" in body(client.get(PRINCIPLE))
    assert generations.current("guidance") is not None


def test_two_deployments_sharing_one_redis_never_meet(own_redis, settings, org, make_post):
    make_post(org.author)
    staging = redis_cache(own_redis.url, "portal:staging")
    training = redis_cache(own_redis.url, "portal:training")
    settings.CACHES = {"default": staging}
    assert waiting.count_for(org.manager) == 1
    settings.CACHES = {"default": training}
    cache.set(f"approvals:waiting:{org.manager.pk}:count", ("x", 99))
    settings.CACHES = {"default": staging}
    assert waiting.count_for(org.manager) == 1
