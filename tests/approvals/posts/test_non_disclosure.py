"""The exception to disclosing one's position: asked by the author, agreed or refused
by their line manager alone (never a deputy covering them, nor a department approver),
recorded either way, shown on the disclosure finding as an agreed exception with who
agreed and when, and its reason read only by the author and the post's decision makers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.errors import NotAllowed
from approvals.models import (
    AppendOnlyError,
    AuditAction,
    AuditEvent,
    DisclosureException,
    ExceptionStatus,
    OutboxMessage,
    Outcome,
)
from approvals.posts import deciding, non_disclosure, services
from guidance.seeding import seed_guidance
from tests.security.hostile import IMAGE, SCRIPT

pytestmark = pytest.mark.django_db

UNDISCLOSED = "Join us for an open session on taking part online next month."
REASON = "I have been threatened after a previous post; my name must not be linked to my team."


@pytest.fixture
def post(org, make_post):
    return make_post(org.author, text=UNDISCLOSED, account="@opensessions")


@pytest.fixture
def asked(org, post):
    return non_disclosure.ask(post_id=post.pk, author=org.author, reason=REASON)


def _decide_url(post):
    return reverse("approvals:post_non_disclosure_decide", args=[post.pk])


def test_the_author_asks_stating_the_reason_in_the_guidances_words(org, post, as_user):
    client = as_user(org.author)
    page = client.get(reverse("approvals:post_non_disclosure", args=[post.pk])).content.decode()
    assert "exceptional circumstances, such as a potential threat to personal security" in page
    response = client.post(
        reverse("approvals:post_non_disclosure", args=[post.pk]), {"reason": REASON}
    )
    assert response.status_code == 302
    record = DisclosureException.objects.get(post=post)
    assert (record.status, record.asked_by, record.reason) == (
        ExceptionStatus.ASKED,
        org.author,
        REASON,
    )
    told = OutboxMessage.objects.get(key=f"non-disclosure-asked:{record.pk}")
    assert told.to == org.manager.email and REASON not in told.body
    assert AuditEvent.objects.filter(post=post, action=AuditAction.NON_DISCLOSURE_ASKED).exists()


def test_an_empty_reason_is_explained_on_the_same_page(org, post, as_user):
    response = as_user(org.author).post(
        reverse("approvals:post_non_disclosure", args=[post.pk]), {"reason": " "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Say why you should not disclose" in page
    assert not DisclosureException.objects.exists()


@pytest.mark.parametrize("who", ["manager", "deputy", "press", "treasury_manager"])
def test_only_the_author_may_ask(org, post, as_user, who):
    response = as_user(getattr(org, who)).post(
        reverse("approvals:post_non_disclosure", args=[post.pk]), {"reason": REASON}
    )
    assert response.status_code == 404
    assert not DisclosureException.objects.exists()


def test_until_agreed_the_disclosure_finding_stands(org, post, asked, as_user):
    page = as_user(org.manager).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    assert "does not say which department or agency you represent" in page
    assert "Agreed exception" not in page
    assert "Waiting for the line manager" in page


def test_the_line_manager_can_read_the_post_before_deciding(org, post, asked, as_user):
    page = as_user(org.manager).get(_decide_url(post)).content.decode()
    assert f'href="{reverse("approvals:post", args=[post.pk])}"' in page


def test_the_line_manager_agrees_and_the_finding_shows_an_agreed_exception(
    org, post, asked, as_user
):
    response = as_user(org.manager).post(_decide_url(post), {"decision": "agree"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (ExceptionStatus.AGREED, org.manager)
    assert AuditEvent.objects.get(post=post, action=AuditAction.NON_DISCLOSURE_AGREED).actor == (
        org.manager
    )
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    # The department approver signs it off second, and sees who agreed and when.
    page = as_user(org.press).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    assert "Agreed exception" in page
    assert f"{org.manager}, as line manager, agreed on" in page
    assert timezone.localtime(asked.decided_at).strftime("%-d %B %Y, %H:%M") in page
    assert "does not say which department or agency you represent" not in page


@pytest.mark.parametrize("who", ["deputy", "press", "co_admin", "superuser", "author"])
def test_nobody_but_the_line_manager_may_agree(org, post, asked, as_user, who):
    """The deputy covering the manager signs off the post but may not agree this, nor may
    the department approver, the department's admin, a superuser or the author."""
    client = as_user(getattr(org, who))
    assert client.get(_decide_url(post)).status_code == 404
    assert client.post(_decide_url(post), {"decision": "agree"}).status_code == 404
    with pytest.raises(NotAllowed):
        non_disclosure.decide(post_id=post.pk, by=getattr(org, who), agree=True)
    asked.refresh_from_db()
    assert asked.status == ExceptionStatus.ASKED


def test_a_refusal_is_recorded_and_the_finding_stands(org, post, asked, as_user):
    as_user(org.manager).post(
        _decide_url(post), {"decision": "refuse", "comment": "Use the team account instead."}
    )
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (ExceptionStatus.REFUSED, org.manager)
    event = AuditEvent.objects.get(post=post, action=AuditAction.NON_DISCLOSURE_REFUSED)
    assert event.comment == "Use the team account instead."
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Refused" in page and "Use the team account instead." in page
    assert "does not say which department or agency you represent" in page
    assert OutboxMessage.objects.filter(key=f"non-disclosure-decided:{asked.pk}").exists()
    # Asking again is a new record; the refusal stays.
    non_disclosure.ask(post_id=post.pk, author=org.author, reason="Things have changed.")
    assert DisclosureException.objects.filter(post=post).count() == 2


@pytest.mark.parametrize("who", ["author", "manager", "deputy", "press"])
def test_the_author_and_the_decision_makers_read_the_reason(org, post, asked, as_user, who):
    page = as_user(getattr(org, who)).get(reverse("approvals:post", args=[post.pk]))
    assert REASON in page.content.decode()


def test_the_reason_is_hidden_from_everyone_else(org, post, asked, as_user):
    non_disclosure.decide(post_id=post.pk, by=org.manager, agree=True)
    for step in (org.manager, org.press):
        deciding.decide(
            post_id=post.pk, version_id=post.current_version_id, user=step, outcome="approved"
        )
    # The colleague sees the approved post on the department's calendar, not the reason.
    when = timezone.localtime(post.publish_at)
    calendar_url = reverse(
        "approvals:calendar_department", args=["cabinet-office", when.year, when.month]
    )
    for who in (org.colleague, org.treasury_manager, org.co_admin):
        client = as_user(who)
        for url in (
            reverse("approvals:post", args=[post.pk]),
            reverse("approvals:post_non_disclosure", args=[post.pk]),
            _decide_url(post),
            calendar_url,
        ):
            assert REASON not in client.get(url).content.decode(), (who, url)
    calendar = as_user(org.colleague).get(calendar_url)
    assert UNDISCLOSED[:30] in calendar.content.decode()


def test_the_agreement_belongs_to_the_post_and_stands_when_the_text_changes(
    org, post, asked, as_user
):
    non_disclosure.decide(post_id=post.pk, by=org.manager, agree=True)
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say when.",
    )
    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel=post.channel,
        account=post.account,
        text=UNDISCLOSED + " It is on 3 July.",
        link="",
        publish_at=timezone.now() + timedelta(days=3),
    )
    services.submit_post(post_id=post.pk, author=org.author)
    page = as_user(org.deputy).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    assert "Agreed exception" in page and f"{org.manager}, as line manager, agreed" in page


def test_records_are_kept(org, post, asked):
    with pytest.raises(AppendOnlyError):
        asked.delete()
    with pytest.raises(AppendOnlyError):
        DisclosureException.objects.all().delete()


def test_the_reason_and_comment_are_shown_escaped(org, post, as_user):
    non_disclosure.ask(post_id=post.pk, author=org.author, reason=SCRIPT)
    non_disclosure.decide(post_id=post.pk, by=org.manager, agree=False, comment=IMAGE)
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert SCRIPT not in page and IMAGE not in page
    assert "&lt;script&gt;" in page


def test_the_line_manager_finds_the_request_on_the_home_page(org, post, asked, as_user):
    seed_guidance()
    home = as_user(org.manager).get("/").content.decode()
    assert "1 request not to disclose a position on a post waits for your decision" in home
    assert _decide_url(post) in home
    assert _decide_url(post) not in as_user(org.deputy).get("/").content.decode()
