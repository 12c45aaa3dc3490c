"""One post's whole record, on one printable page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.authority import groups
from approvals.comments import services as comments
from approvals.models import Authority, Outcome
from approvals.posts import non_disclosure, services
from tests.approvals.conftest import _staff
from tests.approvals.records.conftest import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_back_then_published(org, make_post):
    post = make_post(org.author, text="Cabinet Office: our first try at the news.")
    post = decide(post, org.manager, Outcome.CHANGES_REQUESTED, "Say which team is speaking.")
    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel="linkedin",
        account="Cabinet Office",
        text="Cabinet Office digital team: our second try at the news.",
        link="",
        publish_at=timezone.now() + timedelta(days=2),
    )
    services.submit_post(post_id=post.pk, author=org.author)
    post.refresh_from_db()
    post = decide(post, org.deputy)
    services.record_publication(
        post_id=post.pk, author=org.author, url="https://www.linkedin.com/posts/42"
    )
    return post


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_record_holds_everything(org, sent_back_then_published, as_user):
    post = sent_back_then_published
    response = as_user(org.author).get(reverse("approvals:record", args=[post.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(html)
    # Every version, and what changed between them.
    assert "Version 1, submitted" in page and "Version 2, submitted" in page
    assert "our first try at the news." in page and "our second try at the news." in page
    assert "What changed from version 1" in page
    assert re.search(r"<del class=\"portal-diff__removed\">.*?first", html)
    assert re.search(r"<ins class=\"portal-diff__added\">.*?second", html)
    # Every decision, with its step and authority.
    assert "Changes requested" in page and "Say which team is speaking." in page
    assert f"{org.manager.get_full_name()}, line manager" in page
    assert f"{org.deputy.get_full_name()}, covering deputy" in page
    # The audit trail and the live link.
    for action in (
        "Submitted for sign-off",
        "Changes requested",
        "Approved",
        "Publication recorded",
    ):
        assert action in page
    assert "https://www.linkedin.com/posts/42" in page
    # Every e-mail sent about it: to the approvers, and to the author of each decision.
    assert f"To {org.author.email}" in page and f"To {org.manager.email}" in page
    assert "Your proposed post: changes requested" in page
    # Its comments (none here), and the print style.
    assert 'id="comments"' in html and "No comments yet." in page
    assert 'href="/static/css/print.css" media="print"' in html


def test_emails_about_other_posts_are_not_in_it(org, sent_back_then_published, make_post, as_user):
    other = make_post(org.colleague, text="Cabinet Office: another post.")
    decide(other, org.manager, Outcome.REJECTED, "Another reason entirely.")
    page = (
        as_user(org.author)
        .get(reverse("approvals:record", args=[sent_back_then_published.pk]))
        .content.decode()
    )
    assert "Another reason entirely." not in page and org.colleague.email not in page


def test_a_draft_never_submitted_has_no_record(org, make_post, as_user):
    draft = make_post(org.author, submit=False)
    assert as_user(org.author).get(reverse("approvals:record", args=[draft.pk])).status_code == 404


@pytest.fixture
def records_officer(org):
    officer = _staff("records", org.cabinet_office, "Departmental records officer")
    groups.authority_group(org.cabinet_office, Authority.VIEW_RECORDS).user_set.add(officer)
    return officer


def test_the_record_keeps_the_conversation_withdrawn_words_for_records_officers_only(
    org, make_post, as_user, records_officer
):
    post = make_post(org.author, text="Cabinet Office: the consultation opens today.")
    asked = comments.add_comment(
        post_id=post.pk,
        user=org.manager,
        version_id=post.current_version_id,
        text="Which day exactly?",
        quote="opens today",
    )
    comments.add_comment(
        post_id=post.pk,
        user=org.author,
        version_id=post.current_version_id,
        text="Monday, at nine.",
        reply_to_id=asked.pk,
    )
    aside = comments.add_comment(
        post_id=post.pk,
        user=org.manager,
        version_id=post.current_version_id,
        text="A remark taken back.",
    )
    comments.withdraw_comment(comment_id=aside.pk, user=org.manager)
    url = reverse("approvals:record", args=[post.pk])
    for reader, sees_withdrawn in (
        (records_officer, True),
        (org.author, False),
        (org.co_admin, True),
    ):
        page = text_of(as_user(reader).get(url).content.decode())
        assert "“opens today”" in page and "Which day exactly?" in page
        assert "Monday, at nine." in page
        assert "Withdrawn by" in page
        assert ("A remark taken back." in page) is sees_withdrawn
        # A printed record offers nothing to answer or change.
        assert "Reply to" not in page and "Withdraw your" not in page


def test_the_reason_for_not_disclosing_is_the_records_officers_not_the_admins(
    org, make_post, as_user, records_officer
):
    post = make_post(org.author, submit=False)
    non_disclosure.ask(post_id=post.pk, author=org.author, reason="Threats after my last post.")
    non_disclosure.decide(post_id=post.pk, by=org.manager, agree=True)
    services.submit_post(post_id=post.pk, author=org.author)
    url = reverse("approvals:record", args=[post.pk])
    officer = text_of(as_user(records_officer).get(url).content.decode())
    assert "Threats after my last post." in officer
    assert f"Agreed by {org.manager}" in officer
    admin = text_of(as_user(org.co_admin).get(url).content.decode())
    assert "Agreed by" in admin and "Threats after my last post." not in admin


def test_a_department_admin_who_is_the_authors_line_manager_reads_the_reason(
    org, make_post, as_user
):
    # The record asks the one rule of who reads the reason, as the post page does.
    post = make_post(org.author, submit=False)
    non_disclosure.ask(post_id=post.pk, author=org.author, reason="Threats after my last post.")
    non_disclosure.decide(post_id=post.pk, by=org.manager, agree=True)
    services.submit_post(post_id=post.pk, author=org.author)
    groups.authority_group(org.cabinet_office, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.manager
    )
    page = text_of(
        as_user(org.manager).get(reverse("approvals:record", args=[post.pk])).content.decode()
    )
    assert "Threats after my last post." in page


ACTIVE = re.compile(
    r'<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\s*'
    r'<a class="govuk-service-navigation__link" href="([^"]+)"'
)


def test_a_record_read_from_the_register_is_under_records_in_the_header(
    org, sent_back_then_published, records_officer, as_user
):
    """Its address is under /posts/, but a records officer came from the register,
    as a line manager reading a post came from Sign-off; the author reading their
    own post's record is still in Your posts."""
    url = reverse("approvals:record", args=[sent_back_then_published.pk])
    officer = as_user(records_officer).get(url).content.decode()
    assert ACTIVE.findall(officer) == [reverse("approvals:register")]
    author = as_user(sent_back_then_published.author).get(url).content.decode()
    assert ACTIVE.findall(author) == [reverse("approvals:posts")]
    page = as_user(org.manager).get(reverse("approvals:post", args=[sent_back_then_published.pk]))
    assert ACTIVE.findall(page.content.decode()) == [reverse("approvals:queue")]
