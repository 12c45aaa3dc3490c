"""Hostile input to proposing, changing and submitting a post, and to the lists of
posts (see ``hostile``)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from approvals.models import Delegation, Post, PostStatus, Stage
from approvals.posts.channels import Channel
from guidance import services as guidance_services
from guidance.selectors import current_version
from tests.security.hostile import (
    IMAGE,
    JAVASCRIPT,
    SCRIPT,
    SVG,
    as_user,
    assert_escaped,
    checkbox,
    date_fields,
    extra_fields,
    future,
    hostile,
    hostile_date,
    hostile_link,
    hostile_text,
    hostile_time,
    numbers,
    ticked,
    undone,
)

pytestmark = pytest.mark.django_db

CHANNELS = [value for value, _ in Channel.choices()]
POST_CORRUPTIONS = {
    "channel": st.one_of(hostile_text, st.sampled_from(["X", "twitter", ""])).map(
        lambda value: {"channel": value}
    ),
    "link": hostile_link.map(lambda value: {"link": value}),
    "date": hostile_date.map(lambda parts: date_fields("publish_date", parts)),
    "time": hostile_time.map(lambda value: {"publish_time": value}),
}


def forged_post_fields(org) -> st.SearchStrategy:
    others = [org.colleague.pk, org.treasury_author.pk, org.manager.pk]
    return st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from([*PostStatus.values, "anything"]),
            "stage": st.sampled_from([*Stage.values, "anything"]),
            "author": st.sampled_from(others).map(str),
            "author_id": st.sampled_from(others).map(str),
            "department": st.just(str(org.treasury.pk)),
            "department_id": st.just(str(org.treasury.pk)),
            "approver": st.sampled_from(others).map(str),
            "pre_authorised": st.sampled_from(["on", "true", "1"]),
            "published_url": st.just(JAVASCRIPT),
            "current_version": numbers,
            "version": numbers,
        },
    )


@st.composite
def post_forms(draw, org):
    when = future()
    data = {
        "channel": draw(st.sampled_from(CHANNELS)),
        "account": draw(hostile_text),
        "text": draw(hostile_text),
        "link": "",
        **date_fields("publish_date", (str(when.day), str(when.month), str(when.year))),
        "publish_time": "09:30",
    }
    for field in draw(st.sets(st.sampled_from(sorted(POST_CORRUPTIONS)), max_size=3)):
        data.update(draw(POST_CORRUPTIONS[field]))
    data.update(draw(forged_post_fields(org)))
    data.update(draw(extra_fields))
    return data


def assert_a_clean_draft_of(post, author, department, data) -> None:
    """What the author wrote, and nothing a forged field said."""
    assert post.author_id == author.pk
    assert post.department_id == department.pk
    assert post.status == PostStatus.DRAFT
    assert post.stage == ""
    assert post.current_version_id is None
    assert post.pre_authorised is False
    assert post.published_url == ""
    assert post.submitted_at is None
    assert post.text == data["text"].strip()
    assert post.account == data["account"].strip()
    assert post.channel in CHANNELS
    assert post.link == "" or urlsplit(post.link).scheme in {"http", "https"}
    assert post.publish_at > timezone.now()


@hostile
@given(data=st.data())
def test_proposing_a_post(org, data):
    form = data.draw(post_forms(org))
    client = as_user(org.author)
    with undone():
        before = set(Post.objects.values_list("pk", flat=True))
        response = client.post(reverse("approvals:post_create"), form)
        assert_escaped(response)
        created = list(Post.objects.exclude(pk__in=before))
        assert response.status_code in {200, 302}
        assert len(created) == (1 if response.status_code == 302 else 0)
        if created:
            (post,) = created
            assert_a_clean_draft_of(post, org.author, org.cabinet_office, form)
            page = client.get(reverse("approvals:post", args=[post.pk]))
            assert page.status_code == 200
            assert_escaped(page)


@pytest.fixture
def drafts(org, make_post):
    """A draft of the author's, and a colleague's and a Treasury author's they may not touch."""
    return {
        "own": make_post(org.author, submit=False),
        "colleague": make_post(org.colleague, submit=False),
        "treasury": make_post(org.treasury_author, text="HM Treasury: a draft.", submit=False),
    }


@hostile
@given(data=st.data(), whose=st.sampled_from(["own", "colleague", "treasury"]))
def test_changing_a_post(org, drafts, data, whose):
    form = data.draw(post_forms(org))
    target = drafts[whose]
    client = as_user(org.author)
    with undone():
        snapshot = {p.pk: (p.text, p.author_id, p.status) for p in Post.objects.all()}
        response = client.post(reverse("approvals:post_edit", args=[target.pk]), form)
        assert_escaped(response)
        after = {p.pk: (p.text, p.author_id, p.status) for p in Post.objects.all()}
        assert after.keys() == snapshot.keys(), "a post appeared or vanished"
        changed = {pk for pk in after if after[pk] != snapshot[pk]}
        if whose != "own":
            assert response.status_code == 404
            assert target.text not in response.content.decode()
            assert not changed
            return
        assert response.status_code in {200, 302}
        assert changed <= {target.pk}
        if response.status_code == 302:
            post = Post.objects.get(pk=target.pk)
            assert_a_clean_draft_of(post, org.author, org.cabinet_office, form)
            assert_escaped(client.get(reverse("approvals:post", args=[post.pk])))


@hostile
@given(
    read_principles=checkbox,
    within_role=checkbox,
    pre_authorise=checkbox,
    forged=st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(PostStatus.values),
            "stage": st.sampled_from(Stage.values),
            "author": st.just("0"),
            "version": numbers,
        },
    ),
)
def test_submitting_needs_both_confirmations_and_forges_nothing(
    org, drafts, read_principles, within_role, pre_authorise, forged
):
    guidance_services.acknowledge(user=org.author, version=current_version())
    post = drafts["own"]
    form = {
        name: value
        for name, value in [
            ("read_principles", read_principles),
            ("within_role", within_role),
            ("pre_authorise", pre_authorise),
        ]
        if value is not None
    }
    client = as_user(org.author)
    with undone():
        response = client.post(reverse("approvals:post_submit", args=[post.pk]), {**form, **forged})
        assert_escaped(response)
        post.refresh_from_db()
        if ticked(read_principles) and ticked(within_role):
            assert response.status_code == 302
            # The author holds no authority to publish without approval, whatever was posted.
            assert post.status == PostStatus.SUBMITTED
            assert post.stage == Stage.LINE_MANAGER
            assert not post.pre_authorised
            assert post.current_version.text == post.text
        else:
            assert response.status_code == 400
            assert post.status == PostStatus.DRAFT
            assert post.current_version_id is None


def test_forms_do_show_hostile_input_back(org, drafts):
    """The checks above are not empty: the forms do echo what came in, escaped."""
    client = as_user(org.author)
    response = client.post(
        reverse("approvals:post_edit", args=[drafts["own"].pk]),
        {"channel": "x", "account": SCRIPT, "text": IMAGE, "link": JAVASCRIPT},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in body
    assert JAVASCRIPT in body  # shown in its field, never as a link
    assert_escaped(response)


def test_markup_in_a_post_is_text_on_every_page_it_reaches(org):
    """Proposed, sent back with a reason, changed and sent again: the markup in it
    is shown as text to the author, the approver (in the changes too) and the admin."""
    author, manager = as_user(org.author), as_user(org.manager)
    when = future()
    form = {
        "channel": "x",
        "account": SCRIPT,
        "text": f"Cabinet Office: {IMAGE} {SVG}",
        "link": f"https://www.gov.uk/?q={SCRIPT}",
        **date_fields("publish_date", (when.day, when.month, when.year)),
        "publish_time": "09:30",
    }
    assert author.post(reverse("approvals:post_create"), form).status_code == 302
    post = Post.objects.get(author=org.author)
    guidance_services.acknowledge(user=org.author, version=current_version())
    submit = {"read_principles": "on", "within_role": "on"}
    assert author.post(reverse("approvals:post_submit", args=[post.pk]), submit).status_code == 302
    decide = reverse("approvals:decide", args=[post.pk])
    assert manager.get(decide).status_code == 200
    post.refresh_from_db()
    sent_back = {"outcome": "changes_requested", "reason": SCRIPT + IMAGE}
    assert (
        manager.post(decide, {**sent_back, "version": post.current_version_id}).status_code == 302
    )
    form["text"] += f" {JAVASCRIPT} {SCRIPT} changed"
    assert author.post(reverse("approvals:post_edit", args=[post.pk]), form).status_code == 302
    assert author.post(reverse("approvals:post_submit", args=[post.pk]), submit).status_code == 302

    changes = manager.get(decide)
    assert "[added: </span>" in changes.content.decode()  # the changes are shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in changes.content.decode()
    admin = as_user(org.superuser)
    pages = [
        changes,
        author.get(reverse("approvals:posts")),
        author.get(reverse("approvals:post", args=[post.pk])),
        manager.get(reverse("approvals:queue")),
        manager.get(reverse("approvals:post", args=[post.pk])),
        admin.get(reverse("signoff_posts:index")),
        admin.get(reverse("signoff_posts:inspect", args=[post.pk])),
        admin.get(reverse("signoff_audit:index")),
        admin.get(reverse("signoff_outbox:index")),
    ]
    for page in pages:
        assert page.status_code == 200
        assert_escaped(page)


@pytest.mark.parametrize(
    ("parts", "wrong"),
    [
        (("1", "1", "9" * 19), "Year must include 4 numbers"),
        (("9" * 30, "1", "2031"), "must be a real date"),
        (("1", "9" * 20, "2031"), "must be a real date"),
    ],
)
def test_a_date_too_big_for_the_calendar_is_refused(org, parts, wrong):
    """A day, month or year of 19 digits or more overflowed the date field."""
    propose = as_user(org.author).post(
        reverse("approvals:post_create"),
        {
            "channel": "x",
            "account": "@cabinetofficeuk",
            "text": "Cabinet Office: a date from the far future.",
            **date_fields("publish_date", parts),
            "publish_time": "09:30",
        },
    )
    assert propose.status_code == 200
    assert wrong in propose.content.decode()
    assert not Post.objects.exists()
    next_week = future(7)
    cover = as_user(org.manager).post(
        reverse("approvals:cover"),
        {
            "deputy": "press",
            **date_fields("starts_on", parts),
            **date_fields("ends_on", (next_week.day, next_week.month, next_week.year)),
            "reason": "Leave",
        },
    )
    assert cover.status_code == 400
    assert wrong in cover.content.decode()
    assert not Delegation.objects.filter(delegator=org.manager, deputy=org.press).exists()


@hostile
@given(
    url_name=st.sampled_from(["approvals:posts", "approvals:queue", "approvals:departments"]),
    status=st.one_of(st.sampled_from(PostStatus.values), hostile_text),
    page=numbers,
)
def test_the_lists_take_any_query_string(org, make_post, url_name, status, page):
    response = as_user(org.manager).get(reverse(url_name), {"status": status, "page": page})
    assert response.status_code == 200
    assert_escaped(response)
