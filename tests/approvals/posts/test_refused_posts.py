"""Someone following a link to a post that is not theirs to see meets the
service's "Page not found", which shows nothing of the post."""

from django.test import Client
from django.urls import reverse


def test_another_authors_post_is_page_not_found_and_shows_nothing_of_it(org, make_post):
    post = make_post(org.author, text="Cabinet Office: a private announcement about Friday.")
    client = Client()
    client.force_login(org.treasury_author)
    for name in ("post", "decide"):
        response = client.get(reverse(f"approvals:{name}", args=[post.pk]))
        assert response.status_code == 404
        page = response.content.decode()
        assert "Page not found" in page
        assert "private announcement" not in page
        assert org.author.get_full_name() not in page
