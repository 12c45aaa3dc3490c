"""Confirming the principles is one step of submitting a post: the first box
of the submit form, with the principles a link away that leads back."""

import pytest
from django.urls import reverse

from approvals.models import PostStatus
from guidance.models import GuidanceVersion
from guidance.selectors import current_version, has_current_acknowledgement

BOTH_TICKED = {"read_principles": "on", "within_role": "on"}


@pytest.fixture
def author(org, client):
    client.force_login(org.author)
    return client


@pytest.fixture
def draft(org, make_post):
    return make_post(org.author, submit=False)


def _submit(client, post, **form):
    return client.post(reverse("approvals:post_submit", args=[post.pk]), form)


def test_the_post_page_links_to_the_principles_and_back(org, author, draft):
    page = author.get(reverse("approvals:post", args=[draft.pk])).content.decode()
    assert f'href="/acknowledgement/?next=/posts/{draft.pk}/"' in page
    assert f'name="principles_version" value="{current_version()}"' in page


def test_ticking_the_box_confirms_the_principles_and_submits(org, author, draft):
    assert not has_current_acknowledgement(org.author)
    response = _submit(author, draft, **BOTH_TICKED, principles_version=current_version())
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PostStatus.SUBMITTED
    assert has_current_acknowledgement(org.author)


def test_unticked_then_ticked_is_one_error_then_submitted(org, author, draft):
    first = _submit(author, draft, within_role="on", principles_version=current_version())
    assert first.status_code == 400
    page = first.content.decode()
    assert page.count("Confirm that you have read the principles") == 2  # summary and field
    assert "principles changed" not in page
    second = _submit(author, draft, **BOTH_TICKED, principles_version=current_version())
    assert second.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PostStatus.SUBMITTED


def test_a_change_published_while_writing_is_not_confirmed_for_them(org, author, draft):
    shown = current_version()
    GuidanceVersion.objects.create(number=shown + 1, page_title="Be credible")
    response = _submit(author, draft, **BOTH_TICKED, principles_version=shown)
    assert response.status_code == 400
    assert "The principles changed while you were writing" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PostStatus.DRAFT
    assert not has_current_acknowledgement(org.author)


def test_confirming_on_the_principles_page_returns_to_the_post(org, author, draft):
    back = reverse("approvals:post", args=[draft.pk])
    url = reverse("guidance:acknowledgement")
    assert f'name="next" value="{back}"' in author.get(url, {"next": back}).content.decode()
    response = author.post(url, {"confirm": "on", "version": current_version(), "next": back})
    assert response.status_code == 302
    assert response.url == back


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_confirming_never_leads_off_the_site(org, author, elsewhere):
    response = author.post(
        reverse("guidance:acknowledgement"),
        {"confirm": "on", "version": current_version(), "next": elsewhere},
    )
    assert response.status_code == 302
    assert response.url == "/"
