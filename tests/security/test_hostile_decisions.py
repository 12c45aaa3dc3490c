"""Hostile input to deciding on a post, withdrawing it and recording its publication
(see ``hostile``)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from approvals.models import AuditAction, AuditEvent, Decision, Outcome, Post, PostStatus, Stage
from approvals.posts import deciding
from approvals.posts.forms import PublicationForm
from tests.security.hostile import (
    accepted_text,
    as_user,
    assert_escaped,
    hostile,
    hostile_link,
    hostile_text,
    numbers,
    payloads,
    undone,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(org, make_post):
    """Two posts waiting for the manager, and one in the Treasury they may not decide."""
    return {
        "own": make_post(org.author, text="Cabinet Office: the post being decided."),
        "other": make_post(org.colleague, text="Cabinet Office: another post waiting."),
        "treasury": make_post(org.treasury_author, text="HM Treasury: not yours to decide."),
    }


@hostile
@given(
    # Half the time a decision that should stand, so that what it records is checked too.
    stands=st.booleans(),
    data=st.data(),
    whose=st.sampled_from(["own", "own", "treasury"]),
    extra=st.fixed_dictionaries(
        {},
        optional={"stage": st.sampled_from(Stage.values), "decided_by": st.just("1")},
    ),
)
def test_a_decision_lands_only_on_the_version_shown(org, waiting, stands, data, whose, extra):
    outcome = data.draw(
        st.sampled_from(Outcome.values)
        if stands
        else st.one_of(st.sampled_from(Outcome.values), payloads),
        label="outcome",
    )
    reason = data.draw(accepted_text if stands else hostile_text, label="reason")
    version = data.draw(
        st.just("own") if stands else st.one_of(st.sampled_from(["other", "treasury"]), numbers),
        label="version",
    )
    target = waiting[whose]
    version_id = str(waiting[version].current_version_id) if version in waiting else version
    client = as_user(org.manager)
    with undone():
        decisions_before = set(Decision.objects.values_list("pk", flat=True))
        response = client.post(
            reverse("approvals:decide", args=[target.pk]),
            {"outcome": outcome, "reason": reason, "version": version_id, **extra},
        )
        assert_escaped(response)
        new = list(Decision.objects.exclude(pk__in=decisions_before))
        if whose == "treasury":
            assert response.status_code == 404
            assert "not yours to decide" not in response.content.decode()
            assert not new
            return
        assert response.status_code in {200, 302, 400, 409}
        assert len(new) == (1 if response.status_code == 302 else 0)
        for post in waiting.values():
            if post is not target:  # untouched, whatever version was named
                assert Post.objects.get(pk=post.pk).status == PostStatus.SUBMITTED
        if new:
            (decision,) = new
            assert decision.version_id == target.current_version_id
            assert decision.decided_by_id == org.manager.pk
            assert decision.stage == Stage.LINE_MANAGER
            assert decision.outcome in Outcome.values
            assert decision.reason == reason.strip()
            page = as_user(org.author).get(reverse("approvals:post", args=[target.pk]))
            assert_escaped(page)


@hostile
@given(
    reason=hostile_text,
    whose=st.sampled_from(["own", "own", "other"]),
    forged=st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(PostStatus.values),
            "author": st.just("0"),
            "post": numbers,
        },
    ),
)
def test_withdrawing_a_post(org, waiting, reason, whose, forged):
    target = waiting[whose]
    client = as_user(org.author)
    with undone():
        response = client.post(
            reverse("approvals:post_withdraw", args=[target.pk]), {"reason": reason, **forged}
        )
        assert_escaped(response)
        target.refresh_from_db()
        if whose != "own":
            assert response.status_code == 404
            assert target.status == PostStatus.SUBMITTED
            return
        if len(reason.strip()) > 2000 or "\x00" in reason:
            assert response.status_code == 200  # the form again, saying why
            assert target.status == PostStatus.SUBMITTED
            return
        assert response.status_code == 302
        assert target.status == PostStatus.WITHDRAWN
        assert target.author_id == org.author.pk
        event = AuditEvent.objects.filter(post=target, action=AuditAction.WITHDRAWN).get()
        assert event.comment == reason.strip()
        assert_escaped(client.get(reverse("approvals:post", args=[target.pk])))


@pytest.fixture
def approved(org, make_post):
    post = make_post(org.author)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED
    return post


@hostile
@given(url=hostile_link, forged=st.dictionaries(st.sampled_from(["status", "author"]), payloads))
def test_recording_publication(org, approved, url, forged):
    client = as_user(org.author)
    with undone():
        response = client.post(
            reverse("approvals:post_publication", args=[approved.pk]), {"url": url, **forged}
        )
        assert_escaped(response)
        approved.refresh_from_db()
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            assert approved.status == PostStatus.PUBLISHED
            assert approved.published_url.startswith("https://")
            # As the form read it: "//host/" is taken to mean https://host/.
            form = PublicationForm({"url": url})
            assert form.is_valid()
            assert approved.published_url == form.cleaned_data["url"]
            page = client.get(reverse("approvals:post", args=[approved.pk]))
            assert_escaped(page)
        else:
            assert approved.status == PostStatus.APPROVED
            assert approved.published_url == ""
