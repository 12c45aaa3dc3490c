"""The form refuses text that hides which way it reads, and keeps text in other
alphabets exactly as written (the checks themselves: test_checks_lookalikes)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Post


@pytest.fixture
def author_client(client, org):
    client.force_login(org.author)
    return client


def draft_form(text: str) -> dict:
    when = timezone.localdate() + timedelta(days=3)
    return {
        "channel": "x",
        "account": "@cabinetofficeuk",
        "text": text,
        "publish_date_0": when.day,
        "publish_date_1": when.month,
        "publish_date_2": when.year,
        "publish_time": "09:30",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "direction",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_text_with_a_bidirectional_override_or_isolate_is_refused_on_the_form(
    org, author_client, direction
):
    response = author_client.post(
        reverse("approvals:post_create"),
        draft_form(f"Cabinet Office: call {direction}0000 6497 020{direction} today."),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The text contains hidden characters that change the direction of the text." in html
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_changing_a_draft_to_text_with_a_right_to_left_override_is_refused(
    org, author_client, make_post
):
    post = make_post(org.author, submit=False)
    response = author_client.post(
        reverse("approvals:post_edit", args=[post.pk]),
        draft_form("Cabinet Office: \u202eemoc lliw ew"),
    )
    assert response.status_code == 200
    assert "change the direction of the text" in response.content.decode()
    post.refresh_from_db()
    assert "\u202e" not in post.text


@pytest.mark.django_db
def test_welsh_and_accented_text_is_saved_and_shown_exactly_as_written(org, author_client):
    text = "Llywodraeth Cymru: croeso i\u2019r \u0175yl, cafe\u0301 \u00fcber na\u00efve."
    response = author_client.post(reverse("approvals:post_create"), draft_form(text))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.text == text
    page = author_client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert text in page
