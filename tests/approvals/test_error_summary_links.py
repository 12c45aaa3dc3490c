"""Every link in an error summary takes focus to a field on the page: the
first radio of a group, the day of a date, or the field itself."""

import re

import pytest
from django.urls import reverse

LINK = re.compile(r"govuk-error-summary__list.*?</ul>", re.S)
HREF = re.compile(r'href="#([^"]+)"')


def _targets_missing(page: str) -> list[str]:
    summary = LINK.search(page)
    assert summary, "no error summary"
    targets = HREF.findall(summary.group(0))
    assert targets
    return [target for target in targets if f'id="{target}"' not in page]


@pytest.mark.parametrize(
    ("who", "url", "form"),
    [
        ("author", lambda org, post: reverse("approvals:post_create"), {"account": ""}),
        (
            "author",
            lambda org, post: reverse("approvals:post_create"),
            {"publish_date_0": "31", "publish_date_1": "2", "publish_date_2": "2030"},
        ),
        ("manager", lambda org, post: reverse("approvals:decide", args=[post.pk]), {}),
        ("manager", lambda org, post: reverse("approvals:cover"), {"ends_on_0": "99"}),
        (
            "co_admin",
            lambda org, post: reverse("approvals:department_grant", args=["cabinet-office"]),
            {},
        ),
        ("author", lambda org, post: reverse("approvals:advice_ask"), {"where": ""}),
        (
            "author",
            lambda org, post: reverse("approvals:post_non_disclosure", args=[post.pk]),
            {"reason": ""},
        ),
    ],
)
def test_each_error_link_has_somewhere_to_go(org, make_post, client, who, url, form):
    post = make_post(org.author)
    client.force_login(getattr(org, who))
    data = {"version": post.current_version_id, **form} if "approvals/" in url(org, post) else form
    response = client.post(url(org, post), data)
    assert response.status_code in {200, 400}
    assert _targets_missing(response.content.decode()) == []


def test_each_error_link_of_the_advice_answer_form_has_somewhere_to_go(org, client):
    from approvals.advice import services

    asked = services.ask(
        author=org.author, capacity="personal", channel="blog", where="Blog", about="May I?"
    )
    client.force_login(org.manager)
    response = client.post(reverse("approvals:advice_answer", args=[asked.pk]), {})
    assert response.status_code == 400
    assert _targets_missing(response.content.decode()) == []


def test_each_error_link_of_the_non_disclosure_decision_has_somewhere_to_go(org, make_post, client):
    from approvals.posts import non_disclosure

    post = make_post(org.author)
    non_disclosure.ask(post_id=post.pk, author=org.author, reason="Personal security.")
    client.force_login(org.manager)
    url = reverse("approvals:post_non_disclosure_decide", args=[post.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 400
    assert _targets_missing(response.content.decode()) == []
