"""The busiest pages ask the database a fixed number of times, whatever the
number of posts, people or grants."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approvals.authority import groups
from approvals.models import Authority, Outcome
from approvals.posts import deciding
from portal import caching
from tests.factories import DepartmentFactory, StaffProfileFactory

pytestmark = pytest.mark.django_db

# With the cache just emptied, a page costs the session with its user, then the
# count of what waits shown on every page: the cover they hold, the reports they
# sign off for and the authority they hold (each read once per request), then the
# count itself, which an author who signs off nothing is not asked, the count of
# their unread notices beside their name, and, for the banner, the sensitive
# periods not yet ended and where the person works. The queue adds
# the departments it can be filtered by, its own count and its page (each post with
# its department's reminder policy), which share those reads; the list adds its count
# and its page. Once in the cache, the queue costs only the session with its user.
QUEUE_QUERIES = 11
QUEUE_QUERIES_CACHED = 1
# A search is never kept: its page is made again from the reads of who signs off
# what, its count and its page; the count in the navigation and the departments
# to choose from are kept.
QUEUE_SEARCHED_AGAIN = 6
POSTS_QUERIES = 9


def queries_for(client, url, *, cached=False):
    client.get(url)  # warm the per-process caches (content types) as a running server has
    if not cached:
        caching.reset()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def grow(org, make_post, n):
    """More posts waiting for the manager and the press office, and more grants elsewhere."""
    for i in range(n):
        make_post(org.author, text=f"Cabinet Office: post {i}.")
        risky = make_post(org.colleague, text=f"Cabinet Office: we will do thing {i}.")
        deciding.decide(
            post_id=risky.pk,
            version_id=risky.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )
        department = DepartmentFactory()
        groups.authority_group(department, Authority.APPROVE_POSTS).user_set.add(org.press)
        StaffProfileFactory(department=department)


def test_the_queue_page_costs_the_same_with_3_or_30_posts_and_grants(org, make_post, client):
    grow(org, make_post, 3)
    client.force_login(org.manager)
    small = queries_for(client, reverse("approvals:queue"))
    grow(org, make_post, 27)
    client.force_login(org.manager)
    large = queries_for(client, reverse("approvals:queue"))
    assert small == large == QUEUE_QUERIES
    assert queries_for(client, reverse("approvals:queue"), cached=True) == QUEUE_QUERIES_CACHED


def test_the_department_approvers_queue_is_as_cheap(org, make_post, client):
    grow(org, make_post, 3)
    client.force_login(org.press)
    small = queries_for(client, reverse("approvals:queue"))
    assert "we will do thing" in client.get(reverse("approvals:queue")).content.decode()
    grow(org, make_post, 27)
    client.force_login(org.press)
    assert queries_for(client, reverse("approvals:queue")) == small == QUEUE_QUERIES


def test_the_authors_list_costs_the_same_with_3_or_30_posts(org, make_post, client):
    grow(org, make_post, 3)
    client.force_login(org.author)
    small = queries_for(client, reverse("approvals:posts"))
    grow(org, make_post, 27)
    client.force_login(org.author)
    assert queries_for(client, reverse("approvals:posts")) == small == POSTS_QUERIES


FILTERED = "?channel=linkedin&findings=on&sort=due&page=1"


def test_the_filtered_queue_costs_the_same_and_is_kept(org, make_post, client):
    grow(org, make_post, 3)
    client.force_login(org.press)
    department = f"&department={org.cabinet_office.pk}"
    small = queries_for(client, reverse("approvals:queue") + FILTERED + department)
    grow(org, make_post, 27)
    client.force_login(org.press)
    url = reverse("approvals:queue") + FILTERED + department
    assert queries_for(client, url) == small == QUEUE_QUERIES
    assert queries_for(client, url, cached=True) == QUEUE_QUERIES_CACHED


def test_a_search_of_the_queue_costs_the_same_and_is_never_kept(org, make_post, client):
    grow(org, make_post, 3)
    client.force_login(org.manager)
    url = reverse("approvals:queue") + "?q=cabinet+post"
    small = queries_for(client, url)
    grow(org, make_post, 27)
    client.force_login(org.manager)
    assert queries_for(client, url) == small == QUEUE_QUERIES
    # Made again each time, from the same reads (less what the page around it keeps).
    assert queries_for(client, url, cached=True) == QUEUE_SEARCHED_AGAIN


def test_the_authors_filtered_list_costs_the_same(org, make_post, client):
    grow(org, make_post, 3)
    client.force_login(org.author)
    url = reverse("approvals:posts") + "?q=post&status=submitted&channel=linkedin"
    small = queries_for(client, url)
    grow(org, make_post, 27)
    client.force_login(org.author)
    assert queries_for(client, url) == small == POSTS_QUERIES
