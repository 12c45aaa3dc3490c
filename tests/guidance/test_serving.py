"""A signed-in reader's principle page costs a fixed, small number of queries,
it is kept whole until the guidance next changes, and keeping it never gets
round Wagtail's own rules."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from guidance.models import GuidancePage, PrinciplePage
from tests.guidance.conftest import text_of

pytestmark = pytest.mark.django_db

# One: the session with its user. The page, kept whole, costs none.
PRINCIPLE_PAGE_QUERIES = 1


# The home page too: what it lists is kept with the page, and the reader's
# confirmation is kept until they confirm or a new version is published.
HOME_PAGE_QUERIES = 1


def queries_for(client, path):
    client.get(path)  # warm the caches, as any earlier reader would have
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return captured.captured_queries


def test_a_principle_page_costs_one_query(reader_client, home):
    queries = queries_for(reader_client, "/be-credible/")
    assert len(queries) == PRINCIPLE_PAGE_QUERIES, [q["sql"] for q in queries]


def test_the_home_page_costs_one_query_and_lists_a_change_at_once(reader_client, home):
    assert len(queries_for(reader_client, "/")) == HOME_PAGE_QUERIES
    principle = PrinciplePage.objects.child_of(home).get(number=2)
    principle.statement = "Be consistent, and say so."
    principle.save_revision().publish()
    assert "2. Be consistent Be consistent, and say so." in text_of(reader_client.get("/"))


def test_the_count_does_not_grow_with_the_guidance(reader_client, home):
    for number in range(20):
        page = GuidancePage(title=f"Guidance {number}")
        home.add_child(instance=page)
        page.save_revision().publish()
    assert len(queries_for(reader_client, "/be-credible/")) == PRINCIPLE_PAGE_QUERIES


def test_the_body_is_served_from_the_cache_until_the_page_is_next_published(reader_client, home):
    principle = PrinciplePage.objects.child_of(home).get(number=3)
    principle.body = [("text", "<p>First explanation.</p>")]
    principle.save_revision().publish()
    assert "First explanation." in text_of(reader_client.get("/be-responsive/"))

    # Written behind Wagtail's back, as no editor can: the cached page stands.
    PrinciplePage.objects.filter(pk=principle.pk).update(body=[("text", "<p>Not published.</p>")])
    assert "First explanation." in text_of(reader_client.get("/be-responsive/"))

    principle.refresh_from_db()
    principle.body = [("text", "<p>Second explanation.</p>")]
    principle.save_revision().publish()
    text = text_of(reader_client.get("/be-responsive/"))
    assert "Second explanation." in text
    assert "First explanation." not in text


def test_moving_and_unpublishing_take_effect_at_once(reader_client, home):
    reader_client.get("/be-integrated/")
    principle = PrinciplePage.objects.child_of(home).get(number=4)
    principle.slug = "be-joined-up"
    principle.save_revision().publish()
    assert reader_client.get("/be-integrated/").status_code == 404
    assert reader_client.get("/be-joined-up/").status_code == 200

    principle.refresh_from_db()
    principle.unpublish()
    assert reader_client.get("/be-joined-up/").status_code == 404


def test_a_page_restricted_to_a_group_stays_restricted(reader_client, home):
    reader_client.get("/be-credible/")
    principle = PrinciplePage.objects.child_of(home).get(number=1)
    restriction = PageViewRestriction.objects.create(
        page=principle, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Senior civil servants"))
    response = reader_client.get("/be-credible/")
    assert response.status_code == 302
    assert "Be accurate, fair" not in response.content.decode()


def test_a_preview_shows_the_draft_not_the_cached_page(home):
    principle = PrinciplePage.objects.child_of(home).get(number=2)
    principle.body = [("text", "<p>Draft example.</p>")]
    response = principle.make_preview_request()
    assert "Draft example." in response.content.decode()
