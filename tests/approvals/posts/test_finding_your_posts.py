"""An author's list of their posts, searched and filtered by status and channel."""

import re

import pytest
from django.urls import reverse

from approvals.models import Outcome
from approvals.posts import deciding

pytestmark = pytest.mark.django_db

POSTS = reverse("approvals:posts")


def your_posts(client, query=""):
    response = client.get(f"{POSTS}?{query}" if query else POSTS)
    assert response.status_code == 200
    return response.content.decode()


def listed(html: str) -> set[str]:
    return set(re.findall(r'href="/posts/\d+/">([^<]*)</a>', html))


@pytest.fixture
def posts(org, make_post, client):
    make_post(org.author, text="Cabinet Office: a draft about the consultation.", submit=False)
    make_post(org.author, text="Cabinet Office: waiting on X.", channel="x")
    sent_back = make_post(org.author, text="Cabinet Office: sent back about the consultation.")
    deciding.decide(
        post_id=sent_back.pk,
        version_id=sent_back.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say who is speaking.",
    )
    client.force_login(org.author)


def test_search_and_filters(posts, client):
    assert len(listed(your_posts(client))) == 3
    assert "All your posts (3)" in your_posts(client)
    found = your_posts(client, "q=consultation")
    assert listed(found) == {
        "Cabinet Office: a draft about the consultation.",
        "Cabinet Office: sent back about the consultation.",
    }
    assert "2 posts match" in found
    assert listed(your_posts(client, "q=consultation&status=draft")) == {
        "Cabinet Office: a draft about the consultation."
    }
    assert listed(your_posts(client, "channel=x")) == {"Cabinet Office: waiting on X."}
    assert "1 post matches" in your_posts(client, "channel=x")


def test_the_home_pages_link_to_posts_needing_changes_still_works(posts, client):
    assert listed(your_posts(client, "status=changes_requested")) == {
        "Cabinet Office: sent back about the consultation."
    }


def test_no_match_offers_to_clear_the_filters(posts, client):
    html = your_posts(client, "q=nothing+like+this&status=published")
    assert "No posts match" in html
    assert f'href="{POSTS}">Clear filters and see all your posts' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=<script>", "Choose a status from the list"),
        ("channel=evil", "Choose a channel from the list"),
        ("q=%00", "Null characters are not allowed"),
    ],
)
def test_a_bad_value_is_ignored_and_explained(posts, client, query, message):
    html = your_posts(client, query)
    assert message in html
    assert "<script>" not in html
    assert len(listed(html)) == 3


def test_no_kept_page_answers_for_another_choice(posts, client):
    assert len(listed(your_posts(client, "status=draft"))) == 1
    assert len(listed(your_posts(client))) == 3
    assert len(listed(your_posts(client, "status=submitted"))) == 1
    assert "Choose a status" in your_posts(client, "status=nonsense")
    assert "Choose a status" not in your_posts(client)
    assert len(listed(your_posts(client, "q=consultation"))) == 2
    assert len(listed(your_posts(client))) == 3


def test_nobody_finds_anyone_elses_posts(posts, org, client):
    client.force_login(org.colleague)
    assert listed(your_posts(client, "q=consultation")) == set()
