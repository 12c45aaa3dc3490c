"""What changed for a person: counted beside their name on every page, listed
newest first, each read once opened; a fixed number of queries however many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approvals.comments import services as comments
from approvals.models import Notice, NoticeKind, Outcome
from approvals.notices import services as notices
from approvals.posts import deciding
from portal import caching

pytestmark = pytest.mark.django_db


def count_shown(page: str) -> str | None:
    marker = 'portal-count">'
    if marker not in page:
        return None
    return page.split(marker, 1)[1].split("<", 1)[0]


def test_decisions_waiting_posts_and_comments_are_counted_on_every_page(org, make_post, as_user):
    post = make_post(org.author)
    manager = as_user(org.manager)
    # Submitted: waits for the manager (and the deputy covering them).
    assert count_shown(manager.get(reverse("approvals:posts")).content.decode()) == "1"
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Name the page.",
    )
    comments.add_comment(
        post_id=post.pk, user=org.manager, version_id=post.current_version_id, text="See above"
    )
    author = as_user(org.author)
    page = author.get(reverse("approvals:queue")).content.decode()
    assert count_shown(page) == "2"
    listed = author.get(reverse("approvals:notices")).content.decode()
    # Newest first.
    assert listed.index("commented on post") < listed.index("decided on your post")


def test_opening_a_notice_marks_it_read_and_goes_to_it(org, make_post, as_user):
    post = make_post(org.author)
    notice = Notice.objects.get(recipient=org.manager, kind=NoticeKind.WAITING)
    client = as_user(org.manager)
    assert count_shown(client.get(reverse("approvals:notices")).content.decode()) == "1"
    opened = client.get(reverse("approvals:notice", args=[notice.pk]))
    assert opened.status_code == 302
    assert opened.url == reverse("approvals:decide", args=[post.pk])
    notice.refresh_from_db()
    assert notice.read_at is not None
    page = client.get(reverse("approvals:notices")).content.decode()
    assert count_shown(page) is None
    assert "govuk-tag--blue" not in page  # no longer "New"


def test_nobody_opens_or_sees_another_persons_notice(org, make_post, as_user):
    make_post(org.author)
    notice = Notice.objects.get(recipient=org.manager)
    client = as_user(org.deputy)
    assert client.get(reverse("approvals:notice", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    listed = client.get(reverse("approvals:notices")).content.decode()
    assert reverse("approvals:notice", args=[notice.pk]) not in listed


def test_a_notice_from_elsewhere_is_counted_and_escaped(org, as_user):
    """``notify`` is how other parts of the portal (advice answered) tell someone."""
    notices.notify(
        org.author,
        kind=NoticeKind.ADVICE_ANSWERED,
        summary="<b>Your manager</b> answered",
        url=reverse("approvals:posts"),
    )
    page = as_user(org.author).get(reverse("approvals:notices")).content.decode()
    assert count_shown(page) == "1"
    assert "&lt;b&gt;Your manager&lt;/b&gt; answered" in page


def queries_for(client, url):
    client.get(url)
    caching.reset()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


# The session with its user, the count of what waits in the navigation (the
# cover, reports and authority they hold, then the count), the count beside the
# name, the banner's periods and where the person works, then the page's count
# and its page of notices.
LIST_QUERIES = 10
# Once counted, the counts and the periods are kept until what they count
# changes: the session with its user, the page's count and its page.
LIST_QUERIES_COUNTED = 3


def test_the_count_and_the_list_cost_the_same_with_3_or_30_notices(
    org, as_user, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            notices.notify(org.press, kind=NoticeKind.COMMENT, summary=f"n{i}", url="/")

    client = as_user(org.press)
    grow(3)
    small = queries_for(client, reverse("approvals:notices"))
    grow(27)
    assert queries_for(client, reverse("approvals:notices")) == small == LIST_QUERIES
    with django_assert_num_queries(LIST_QUERIES_COUNTED):
        client.get(reverse("approvals:notices"))


def test_asking_and_answering_advice_tell_the_other_side(org, as_user):
    from approvals.advice import services as advice

    asked = advice.ask(
        author=org.author,
        capacity="personal",
        channel="comment",
        where="A forum",
        about="May I reply about our sign-off?",
    )
    manager_page = as_user(org.manager).get(reverse("approvals:notices")).content.decode()
    assert "asked for your advice" in manager_page
    # The manager's deputy covers them, so is told too; a colleague is not.
    assert (
        "asked for your advice"
        in as_user(org.deputy).get(reverse("approvals:notices")).content.decode()
    )
    assert not Notice.objects.filter(recipient=org.colleague, kind=NoticeKind.ADVICE_ASKED).exists()
    advice.answer(request_id=asked.pk, by=org.manager, answer="go_ahead", advice="Fine by me.")
    notice = Notice.objects.get(recipient=org.author, kind=NoticeKind.ADVICE_ANSWERED)
    opened = as_user(org.author).get(reverse("approvals:notice", args=[notice.pk]))
    assert opened.url == reverse("approvals:advice", args=[asked.pk])


def test_asking_not_to_disclose_tells_the_line_manager_and_their_decision_the_author(
    org, make_post, as_user
):
    from approvals.posts import non_disclosure

    post = make_post(org.author, submit=False)
    non_disclosure.ask(post_id=post.pk, author=org.author, reason="A threat to my safety.")
    asked = Notice.objects.get(recipient=org.manager, kind=NoticeKind.NON_DISCLOSURE_ASKED)
    # The reason is private: the notice says only that it was asked.
    assert "threat" not in asked.summary
    assert as_user(org.manager).get(reverse("approvals:notice", args=[asked.pk])).url == reverse(
        "approvals:post_non_disclosure_decide", args=[post.pk]
    )
    non_disclosure.decide(post_id=post.pk, by=org.manager, agree=True)
    told = Notice.objects.get(recipient=org.author, kind=NoticeKind.NON_DISCLOSURE_DECIDED)
    assert "agreed" in told.summary
