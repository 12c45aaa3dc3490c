"""Hostile input to asking for advice, answering it and the exception to disclosure
(see ``hostile``): no error page, nothing shown back as markup, and forged fields
naming other people, posts or answers change nothing they should not."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from approvals.advice import services
from approvals.models import AdviceAnswer, AdviceRequest, DisclosureException, Post
from approvals.posts.channels import Channel
from tests.security.hostile import (
    as_user,
    assert_escaped,
    hostile,
    hostile_text,
    numbers,
    undone,
)

pytestmark = pytest.mark.django_db

CHANNELS = [value for value, _ in Channel.choices()]


def _asked(org) -> AdviceRequest:
    return services.ask(
        author=org.author, capacity="personal", channel="blog", where="Blog", about="May I?"
    )


@hostile
@given(data=st.data())
def test_asking_with_hostile_text_and_forged_fields(org, data):
    form = {
        "capacity": data.draw(st.sampled_from(["official", "personal", "both", ""])),
        "channel": data.draw(st.sampled_from([*CHANNELS, "twitter"])),
        "where": data.draw(hostile_text),
        "about": data.draw(hostile_text),
        "draft": data.draw(hostile_text),
        # Fields the form never had, naming someone else to ask or to be.
        "manager": str(org.treasury_manager.pk),
        "author": str(org.colleague.pk),
        "answer": AdviceAnswer.GO_AHEAD,
    }
    with undone():
        response = as_user(org.author).post(reverse("approvals:advice_ask"), form)
        assert_escaped(response)
        for asked in AdviceRequest.objects.all():
            assert (asked.author, asked.manager, asked.answer) == (org.author, org.manager, "")
        if response.status_code == 302:
            assert_escaped(as_user(org.manager).get(response["Location"]))


@hostile
@given(data=st.data())
def test_answering_with_hostile_text_and_forged_fields(org, data):
    form = {
        "answer": data.draw(st.sampled_from([*AdviceAnswer.values, "approve", ""])),
        "advice": data.draw(hostile_text),
        "answered_by": str(org.treasury_manager.pk),
        "post": data.draw(numbers),
        "author": str(org.colleague.pk),
    }
    with undone():
        asked = _asked(org)
        response = as_user(org.manager).post(
            reverse("approvals:advice_answer", args=[asked.pk]), form
        )
        assert_escaped(response)
        asked.refresh_from_db()
        assert asked.answered_by in (None, org.manager)
        if asked.post is not None:
            assert asked.post.author == org.author
        assert not Post.objects.exclude(author=org.author).exists()
        assert_escaped(as_user(org.author).get(reverse("approvals:advice", args=[asked.pk])))


@hostile
@given(reason=hostile_text, comment=hostile_text)
def test_the_exception_with_hostile_reasons(org, make_post, reason, comment):
    with undone():
        post = make_post(org.author, text="Join us next month.", account="@sessions")
        response = as_user(org.author).post(
            reverse("approvals:post_non_disclosure", args=[post.pk]),
            {"reason": reason, "status": "agreed", "decided_by": str(org.manager.pk)},
        )
        assert_escaped(response)
        for record in DisclosureException.objects.all():
            assert (record.status, record.decided_by) == ("asked", None)
        if DisclosureException.objects.exists():
            decided = as_user(org.manager).post(
                reverse("approvals:post_non_disclosure_decide", args=[post.pk]),
                {"decision": "agree", "comment": comment},
            )
            assert_escaped(decided)
        for who in (org.author, org.manager, org.press):
            assert_escaped(as_user(who).get(reverse("approvals:post", args=[post.pk])))
