"""The approver's queue, searched, filtered and sorted from its address: what
each choice shows, what a bad value gets (the page, with a message, never an
error), and that no kept page answers for another choice."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from approvals.authority import groups
from approvals.models import Authority, Outcome, Post, ReminderPolicy
from approvals.posts import deciding
from tests.approvals.conftest import RISKY_TEXT
from tests.security.hostile import (
    as_user,
    assert_escaped,
    hostile,
    hostile_text,
    numbers,
    undone,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("approvals:queue")


def queue(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{QUEUE}?{query}" if query else QUEUE)
    assert response.status_code == 200
    return response.content.decode()


def listed(html: str) -> list[str]:
    """The texts of the posts in the table, in order."""
    return re.findall(r'href="/approvals/\d+/(?:\?[^"]*)?">([^<]*)</a>', html)


@pytest.fixture
def waiting(org, make_post):
    """Four posts waiting for the manager, on two channels, one with findings,
    each due a day later than the one submitted before it, except the last, due first."""
    now = timezone.now()
    made = {
        "x": make_post(org.author, text="Cabinet Office: on X.", channel="x"),
        "linkedin": make_post(org.author, text="Cabinet Office: on LinkedIn."),
        "risky": make_post(org.colleague, text=RISKY_TEXT, channel="x"),
        "soonest": make_post(
            org.colleague,
            text="Cabinet Office: the consultation opens.",
            publish_at=now + timedelta(days=1),
        ),
    }
    for days, post in enumerate(made.values(), start=1):
        Post.objects.filter(pk=post.pk).update(
            submitted_at=now - timedelta(minutes=10 * (5 - days)),
            publish_at=post.publish_at
            if post is made["soonest"]
            else now + timedelta(days=days + 1),
        )
    return made


def test_the_queue_waits_longest_first_and_sorts_by_when_each_is_due(org, waiting, client):
    assert listed(queue(client, org.manager)) == [
        "Cabinet Office: on X.",
        "Cabinet Office: on LinkedIn.",
        escape(RISKY_TEXT),
        "Cabinet Office: the consultation opens.",
    ]
    by_due = queue(client, org.manager, "sort=due")
    assert listed(by_due)[0] == "Cabinet Office: the consultation opens."
    assert listed(by_due)[1] == "Cabinet Office: on X."
    assert "4 posts, due to go out soonest first" in by_due


def test_filter_by_channel_with_findings_and_words(org, waiting, client):
    on_x = queue(client, org.manager, "channel=x")
    assert listed(on_x) == ["Cabinet Office: on X.", escape(RISKY_TEXT)]
    assert "2 posts match, waiting longest first" in on_x
    assert listed(queue(client, org.manager, "findings=on")) == [escape(RISKY_TEXT)]
    assert listed(queue(client, org.manager, "q=CONSULTATION")) == [
        "Cabinet Office: the consultation opens."
    ]
    # Every word, wherever it is: in the text, or the author's name.
    first_name = org.colleague.first_name
    found = listed(queue(client, org.manager, f"q=consultation+{first_name}"))
    assert found == ["Cabinet Office: the consultation opens."]
    assert listed(queue(client, org.manager, "q=consultation+nobody-at-all")) == []


def test_no_match_says_so_and_offers_to_clear_the_filters(org, waiting, client):
    html = queue(client, org.manager, "q=nothing+says+this")
    assert "No posts match" in html
    assert f'href="{QUEUE}">Clear filters and see everything waiting for you' in html


def test_filter_by_department(org, make_post, client):
    groups.authority_group(org.treasury, Authority.APPROVE_POSTS).user_set.add(org.press)
    make_post(org.manager, text="Cabinet Office: from the department.")
    treasury = make_post(org.treasury_author, text="HM Treasury: from the Treasury.")
    deciding.decide(
        post_id=treasury.pk,
        version_id=treasury.current_version_id,
        user=org.treasury_manager,
        outcome=Outcome.APPROVED,
    )
    everything = queue(client, org.press)
    assert len(listed(everything)) == 2
    assert f'<option value="{org.treasury.pk}">HM Treasury</option>' in everything
    only = queue(client, org.press, f"department={org.treasury.pk}")
    assert listed(only) == ["HM Treasury: from the Treasury."]
    # A department with nothing waiting for them finds nothing, without an error
    # (the last post there was decided since the address was made).
    make_post(org.author, text="Cabinet Office: for the manager.")
    nothing = queue(client, org.manager, f"department={org.treasury.pk}")
    assert "No posts match" in nothing
    assert "govuk-error-summary" not in nothing
    assert "A department with nothing waiting for you</option>" in nothing


HOSTILE = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (f"channel={HOSTILE}", "Choose a channel from the list"),
        ("sort=evil", "Choose an order from the list"),
        ("department=1%20OR%201%3D1", "Choose a department from the list"),
        ("q=" + "a" * 201, "Search must be 200 characters or fewer"),
        ("q=%00", "Null characters are not allowed"),
    ],
)
def test_a_bad_value_is_ignored_and_explained(org, waiting, client, query, message):
    html = queue(client, org.manager, query)
    assert "govuk-error-summary" in html
    assert message in html
    assert "<title>Error: " in html
    assert HOSTILE not in html
    assert len(listed(html)) == 4


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999",
        "page=" + "9" * 5000,
        "page=-3",
        "page=two",
        "findings=evil",
        f"q={HOSTILE}",
        "sort=due&sort=evil&channel=x&channel=linkedin",
        "unknown=1",
    ],
)
def test_odd_values_still_answer_with_the_queue(org, waiting, client, query):
    html = queue(client, org.manager, query)
    assert HOSTILE not in html
    if "q=" in query:
        assert escape(HOSTILE) in html  # shown back in the search box, as text


def test_the_search_is_given_back_escaped_in_the_page_links(org, make_post, client):
    for number in range(26):
        make_post(org.author, text=f"Cabinet Office: post number {number} & more.")
    html = queue(client, org.manager, "q=%26+more&channel=linkedin")
    assert 'href="?q=%26+more&amp;channel=linkedin&amp;page=2"' in html


def test_no_kept_page_answers_for_another_choice(org, waiting, client):
    assert len(listed(queue(client, org.manager, "channel=x"))) == 2
    assert len(listed(queue(client, org.manager))) == 4
    assert len(listed(queue(client, org.manager, "channel=linkedin"))) == 2
    assert len(listed(queue(client, org.manager, "channel=x&sort=due"))) == 2
    assert listed(queue(client, org.manager, "channel=x&sort=due"))[0] == "Cabinet Office: on X."
    # A refused value's page, with its message, is not the plain page.
    assert "Choose a channel" in queue(client, org.manager, "channel=evil")
    assert "govuk-error-summary" not in queue(client, org.manager)
    # Nor a search's.
    assert len(listed(queue(client, org.manager, "q=consultation"))) == 1
    assert len(listed(queue(client, org.manager))) == 4
    # Nor one person's for another: the deputy covers the manager, so sees the same
    # posts, but has signed none of them.
    deciding.decide(
        post_id=waiting["x"].pk,
        version_id=waiting["x"].current_version_id,
        user=org.deputy,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say who is speaking.",
    )
    assert len(listed(queue(client, org.manager, "channel=x"))) == 1


def test_a_change_shows_in_a_kept_filtered_page(
    org, waiting, client, django_capture_on_commit_callbacks
):
    assert len(listed(queue(client, org.manager, "channel=x"))) == 2
    with django_capture_on_commit_callbacks(execute=True):
        deciding.decide(
            post_id=waiting["risky"].pk,
            version_id=waiting["risky"].current_version_id,
            user=org.deputy,
            outcome=Outcome.REJECTED,
            reason="No.",
        )
    assert listed(queue(client, org.manager, "channel=x")) == ["Cabinet Office: on X."]


def tags(html: str, text: str) -> set[str]:
    """The tags in the row of the post whose text is ``text``."""
    row = next(row for row in html.split('<tr class="govuk-table__row"') if text in row)
    return set(re.findall(r'<strong class="govuk-tag govuk-tag--red">(\w+)</strong>', row))


def test_urgent_and_overdue_are_marked_in_words(org, make_post, client):
    now = timezone.now()
    make_post(
        org.author, text="Cabinet Office: due in three hours.", publish_at=now + timedelta(hours=3)
    )
    old = make_post(org.author, text="Cabinet Office: waiting for a fortnight.")
    Post.objects.filter(pk=old.pk).update(submitted_at=now - timedelta(days=14))
    make_post(org.author, text="Cabinet Office: neither.")
    html = queue(client, org.manager)
    assert tags(html, "due in three hours") == {"Urgent"}
    assert tags(html, "waiting for a fortnight") == {"Overdue"}
    assert tags(html, "neither") == set()


def test_urgent_and_overdue_follow_the_departments_policy(org, make_post, client):
    ReminderPolicy.objects.create(
        department=org.cabinet_office,
        first_after=1,
        repeat_every=1,
        escalate_after=2,
        urgent_within=24 * 7,
    )
    post = make_post(org.author, text="Cabinet Office: due in two days.")
    Post.objects.filter(pk=post.pk).update(submitted_at=timezone.now() - timedelta(days=7))
    assert tags(queue(client, org.manager), "due in two days") == {"Urgent", "Overdue"}


def test_overdue_at_the_department_step_counts_from_the_line_managers_approval(
    org, make_post, client
):
    post = make_post(org.author, text=RISKY_TEXT)
    Post.objects.filter(pk=post.pk).update(submitted_at=timezone.now() - timedelta(days=14))
    assert tags(queue(client, org.manager), "020 7946") == {"Overdue"}
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    assert tags(queue(client, org.press), "020 7946") == set()


FILTER_NAMES = ["q", "channel", "department", "findings", "sort", "status", "page"]


@hostile
@given(
    url_name=st.sampled_from(["approvals:queue", "approvals:posts"]),
    query=st.dictionaries(st.sampled_from(FILTER_NAMES), st.one_of(hostile_text, numbers)),
)
def test_the_lists_take_any_filters(org, make_post, url_name, query):
    with undone():
        make_post(org.author, text=RISKY_TEXT)
        for user in (org.manager, org.author):
            response = as_user(user).get(reverse(url_name), query)
            assert response.status_code == 200
            assert_escaped(response)
