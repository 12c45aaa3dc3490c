"""The register's first page asks the database a fixed number of times, however
many posts and decisions it holds."""

from unittest import mock

import pytest
from django.urls import reverse

from approvals.models import Outcome
from approvals.posts import services
from portal import caching
from portal.caching.backend import BreakerRedis
from tests.approvals.records.conftest import decide

pytestmark = pytest.mark.django_db

# With the cache just emptied: the session with its user; for the count shown
# in the navigation, the cover they hold, the reports they sign off for and the
# authority they hold (read once per request); their unread notices beside their
# name; the periods for the banner and where they work; the departments to filter by; then the
# page's count, its posts and the decisions on their versions. A department
# admin's agencies are one more read, as are an admin's departments (all of them).
REGISTER_QUERIES = {"records_officer": 11, "co_admin": 12, "superuser": 12}


class Sent(list):
    """The name of every command the portal sends the cache, on its way."""

    def __enter__(self):
        send = BreakerRedis.execute_command

        def counted(client, *args, **options):
            self.append(args[0])
            return send(client, *args, **options)

        self._patch = mock.patch.object(BreakerRedis, "execute_command", counted)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()


def grow(org, make_post, n):
    for i in range(n):
        post = make_post(org.colleague, text=f"Cabinet Office: we will do thing {i}.")
        post = decide(post, org.manager)
        if post.stage:
            decide(post, org.press)
        rejected = make_post(org.author, text=f"Cabinet Office: post {i}.")
        decide(rejected, org.deputy, Outcome.REJECTED, "No.")
        services.withdraw_post(
            post_id=make_post(org.author, text=f"Cabinet Office: gone {i}.").pk, author=org.author
        )


def first_page(client, django_assert_num_queries, expected):
    url = reverse("approvals:register")
    client.get(url)  # warm the per-process caches (content types) as a running server has
    caching.reset()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("who", sorted(REGISTER_QUERIES))
def test_first_page_in_a_fixed_number_of_queries(
    org, register, make_post, as_user, django_assert_num_queries, who
):
    user = register.records_officer if who == "records_officer" else getattr(org, who)
    client = as_user(user)
    few = first_page(client, django_assert_num_queries, REGISTER_QUERIES[who])
    grow(org, make_post, 12)
    many = first_page(client, django_assert_num_queries, REGISTER_QUERIES[who])
    assert len(many.context["rows"]) == 25 > len(few.context["rows"])


def test_a_kept_first_page_reads_the_cache_in_two_round_trips(
    org, register, as_user, django_assert_num_queries
):
    """Once kept, the register's first page asks PostgreSQL only for the session,
    and the cache twice: what the layout shows of the person (the navigation's
    counts, the periods for the banner and where they work) together, then the
    page. A filtered page is kept too, and reads one more: the departments its
    filter is checked against."""
    client = as_user(register.records_officer)
    url = reverse("approvals:register")
    department = f"{url}?department={org.cabinet_office.pk}"
    for address, round_trips in ((url, 2), (department, 3)):
        client.get(address)
        with Sent() as sent, django_assert_num_queries(1):
            response = client.get(address)
        assert response.status_code == 200
        assert sent == ["MGET"] * round_trips, address
