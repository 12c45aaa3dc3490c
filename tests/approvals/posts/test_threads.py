"""Threads: a post of several parts, written, checked, versioned, compared and decided as
one (approvals/posts/threads.py, thread_form.py)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.models import Outcome, Post, PostVersion
from approvals.posts import deciding, services
from approvals.posts.channels import MOST_PARTS, PART_MAX
from approvals.posts.threads import check_thread, preview_thread, thread_diff
from tests.approvals.conftest import CLEAN_TEXT

# --- Checks, what changed and the preview, with no database ------------------------------


@pytest.mark.unit
def test_a_finding_says_which_part_it_is_about():
    findings = check_thread(
        parts=["Cabinet Office: our new guidance.", "More to come.", "Call 020 7946 0000."],
        channel="x",
        department_names=["Cabinet Office"],
    )
    assert [(finding.code, finding.message[:8]) for finding in findings] == [
        ("phone-number", "Part 3: ")
    ]


@pytest.mark.unit
def test_the_department_is_looked_for_in_the_whole_thread_once():
    named_later = check_thread(
        parts=["Our new guidance is out.", "From the Cabinet Office."],
        channel="x",
        department_names=["Cabinet Office"],
    )
    assert named_later == []
    [unnamed] = check_thread(
        parts=["Our new guidance is out.", "Read it today."],
        channel="x",
        department_names=["Cabinet Office"],
    )
    assert unnamed.code == "no-disclosure"
    assert not unnamed.message.startswith("Part")


@pytest.mark.unit
def test_each_part_is_held_to_the_channel_limit_on_its_own():
    findings = check_thread(parts=["a" * 280, "b" * 300], channel="x")
    assert [finding.message.split(".")[0] for finding in findings] == [
        "Part 2: The post is 300 characters long"
    ]


@pytest.mark.unit
def test_a_one_part_post_is_checked_as_before():
    [finding] = check_thread(parts=["c" * 300], channel="x")
    assert finding.message.startswith("The post is 300 characters long")


@pytest.mark.unit
def test_what_changed_part_by_part_with_parts_added_and_removed():
    changes = thread_diff(
        ["One.", "Two.", "Three.", "Four."], ["One.", "New part.", "Two.", "Four, changed."]
    )
    assert [(change.number, change.kind) for change in changes] == [
        (1, "same"),
        (2, "added"),
        (3, "same"),
        (3, "removed"),
        (4, "changed"),
    ]
    changed = next(change for change in changes if change.kind == "changed")
    assert [(piece.kind, piece.text) for piece in changed.pieces] == [
        ("removed", "Four."),
        ("added", "Four, changed."),
    ]


@pytest.mark.unit
def test_a_part_removed_from_the_end_shows_as_removed():
    changes = thread_diff(["One.", "Two.", "Three."], ["One.", "Two."])
    assert [(change.number, change.kind) for change in changes] == [
        (1, "same"),
        (2, "same"),
        (3, "removed"),
    ]


@pytest.mark.unit
def test_the_preview_shows_each_part_in_order_with_the_link_on_the_first():
    post = Post(
        channel="x",
        account="@cabinetofficeuk",
        text="First, about our guidance.",
        further_parts=["Second.", "Third."],
        link="https://www.gov.uk/guidance",
    )
    shown = preview_thread(post)
    assert ["".join(piece.text for piece in part.shown) for part in shown] == [
        "First, about our guidance.\ngov.uk/guidance",
        "Second.",
        "Third.",
    ]
    assert all(part.account == "@cabinetofficeuk" for part in shown)


# --- Writing a thread ---------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


def _form(**fields):
    when = timezone.localdate() + timedelta(days=3)
    return {
        "channel": "x",
        "account": "@cabinetofficeuk",
        "text": "Cabinet Office: the first part.",
        "link": "",
        "publish_date_0": str(when.day),
        "publish_date_1": str(when.month),
        "publish_date_2": str(when.year),
        "publish_time": "9:30am",
        **fields,
    }


@pytestmark_db
def test_adding_and_removing_parts_keeps_what_was_typed(org, as_user):
    client = as_user(org.author)
    url = reverse("approvals:post_create")
    added = client.post(url, _form(part_2="The second part.", add_part="1", publish_time="9"))
    html = added.content.decode()
    assert added.status_code == 200
    assert "govuk-error-summary" not in html
    assert ">\nThe second part.</textarea>" in html
    assert 'name="part_3"' in html
    # Even what is not yet valid (a time without am or pm) is kept as typed.
    assert 'value="9"' in html
    removed = client.post(
        url, _form(part_2="The second part.", part_3="The third part.", remove_part="2")
    )
    html = removed.content.decode()
    assert ">\nThe third part.</textarea>" in html
    assert "The second part." not in html
    assert 'name="part_3"' not in html
    assert not Post.objects.exists()


@pytestmark_db
def test_a_thread_is_saved_in_order(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:post_create"), _form(part_2="Second.", part_3="Third.")
    )
    post = Post.objects.get()
    assert response["Location"] == reverse("approvals:post", args=[post.pk])
    assert (post.text, post.further_parts) == (
        "Cabinet Office: the first part.",
        ["Second.", "Third."],
    )
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Text, a thread of 3 parts" in page
    assert "A thread of 3 posts, each a reply to the one before." in page


@pytestmark_db
def test_a_part_left_empty_is_explained_on_its_field(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:post_create"), _form(part_2="Second.", part_3="  ")
    )
    html = response.content.decode()
    assert '<a href="#id_part_3">Enter the text of part 3, or remove the part</a>' in html
    assert ">\nSecond.</textarea>" in html
    assert not Post.objects.exists()


@pytestmark_db
def test_a_part_too_long_to_store_is_refused_on_its_field(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:post_create"), _form(part_2="x" * (PART_MAX + 1))
    )
    assert f'<a href="#id_part_2">Part 2 must be {PART_MAX:,} characters or fewer</a>' in (
        response.content.decode()
    )
    assert not Post.objects.exists()


@pytestmark_db
def test_a_channel_without_threads_refuses_further_parts(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:post_create"), _form(channel="linkedin", part_2="Second.")
    )
    html = response.content.decode()
    assert (
        '<a href="#id_part_2">LinkedIn does not take threads: put everything in the first '
        "part and remove the others, or choose X, Threads or Bluesky</a>"
    ) in html
    assert ">\nSecond.</textarea>" in html
    assert not Post.objects.exists()


@pytestmark_db
def test_the_service_refuses_a_thread_where_the_channel_takes_none(org):
    with pytest.raises(services.ApprovalError, match="Facebook does not take threads"):
        services.save_draft(
            author=org.author,
            channel="facebook",
            account="Cabinet Office",
            text=CLEAN_TEXT,
            further_parts=["Second."],
            link="",
            publish_at=timezone.now() + timedelta(days=2),
        )
    with pytest.raises(services.ApprovalError, match=f"at most {MOST_PARTS} parts"):
        services.save_draft(
            author=org.author,
            channel="x",
            account="@cabinetofficeuk",
            text=CLEAN_TEXT,
            further_parts=["More."] * MOST_PARTS,
            link="",
            publish_at=timezone.now() + timedelta(days=2),
        )


@pytestmark_db
def test_the_add_button_goes_once_a_thread_has_25_parts(org, as_user):
    parts = {f"part_{n}": f"Part {n}." for n in range(2, MOST_PARTS + 1)}
    html = (
        as_user(org.author)
        .post(reverse("approvals:post_create"), _form(add_part="1", **parts))
        .content.decode()
    )
    assert f'name="part_{MOST_PARTS}"' in html
    assert f'name="part_{MOST_PARTS + 1}"' not in html
    assert "Add another part" not in html


@pytestmark_db
def test_the_database_refuses_a_thread_longer_than_the_checks_are_sized_for(org, make_post):
    post = make_post(org.author, channel="x", submit=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.filter(pk=post.pk).update(further_parts=["x" * PART_MAX] * MOST_PARTS)
    Post.objects.filter(pk=post.pk).update(further_parts=["x" * PART_MAX] * (MOST_PARTS - 1))


# --- Versions and deciding -----------------------------------------------------------------


@pytestmark_db
def test_a_version_freezes_every_part_and_knows_when_one_changes(org, make_post):
    post = make_post(org.author, channel="x", further_parts=["Second.", "Third."])
    version = PostVersion.objects.get(post=post)
    assert version.further_parts == ["Second.", "Third."]
    post.refresh_from_db()
    assert version.says_what(post)
    post.further_parts = ["Second.", "Third, changed."]
    assert not version.says_what(post)


@pytestmark_db
def test_findings_name_the_part_on_the_decision_page(org, make_post, as_user):
    post = make_post(org.author, channel="x", further_parts=["Second.", "Call 020 7946 0000."])
    html = as_user(org.manager).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    assert "Part 3: " in html
    assert 'aria-label="Part 2 of 3 on X (formerly Twitter)"' in html


@pytestmark_db
def test_the_approver_sees_what_changed_part_by_part(org, make_post, as_user):
    post = make_post(org.author, channel="x", further_parts=["Second.", "Third."])
    client = as_user(org.manager)
    client.get(reverse("approvals:decide", args=[post.pk]))
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say more, not that.",
    )
    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel="x",
        account="Cabinet Office",
        text=post.text,
        further_parts=["Second, with more.", "A new fourth."],
        link="",
        publish_at=post.publish_at,
    )
    services.submit_post(post_id=post.pk, author=org.author)
    html = client.get(reverse("approvals:decide", args=[post.pk])).content.decode()
    assert "Part 1: unchanged." in html
    assert "Part 2: changed" in html
    assert "[added: </span>Second, with more." in html
    assert "Part 3: added" in html or "Removed: what was part 3" in html
    assert "A new fourth." in html


def _decision_page_queries(client, post):
    url = reverse("approvals:decide", args=[post.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


# The decision page's reads (the session with its user, the navigation's counts, the post
# with its route, the version last seen, the decisions, the mark of what was seen, the
# comments, any exception to disclosure, the version's images), the same for any number
# of parts: they are in the post's and the version's own rows.
DECISION_PAGE_QUERIES = 15


@pytestmark_db
def test_the_decision_page_for_a_ten_part_thread_costs_what_a_single_post_does(
    org, make_post, as_user
):
    single = make_post(org.author, channel="x")
    thread = make_post(org.author, channel="x", further_parts=[f"Part {n}." for n in range(2, 11)])
    client = as_user(org.manager)
    assert (
        _decision_page_queries(client, thread)
        == _decision_page_queries(client, single)
        == DECISION_PAGE_QUERIES
    )


@pytestmark_db
def test_changing_a_thread_starts_from_its_parts(org, make_post, as_user):
    post = make_post(org.author, channel="x", further_parts=["Second.", "Third."], submit=False)
    html = as_user(org.author).get(reverse("approvals:post_edit", args=[post.pk])).content.decode()
    assert ">\nSecond.</textarea>" in html
    assert ">\nThird.</textarea>" in html
    assert 'name="part_4"' not in html
