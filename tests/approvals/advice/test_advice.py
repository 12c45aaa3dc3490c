"""Asking one's line manager for advice, and their answer: who may read and answer
a request, each of the four answers, the one that becomes a draft post, and what
the forms refuse."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.advice import services
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import (
    AdviceAnswer,
    AdviceRequest,
    AppendOnlyError,
    AuditAction,
    AuditEvent,
    Delegation,
    OutboxMessage,
    Post,
    PostStatus,
)
from guidance.models import CivilServiceCodePage
from guidance.seeding import seed_guidance
from tests.approvals.conftest import _staff
from tests.responses import alike
from tests.security.hostile import IMAGE, SCRIPT

pytestmark = pytest.mark.django_db

ABOUT = "I would like to reply on a forum about how we sign off posts."


def _ask(org, **fields):
    return services.ask(
        author=org.author,
        capacity=fields.pop("capacity", "personal"),
        channel=fields.pop("channel", "comment"),
        where=fields.pop("where", "Digital government forum"),
        about=fields.pop("about", ABOUT),
        draft=fields.pop("draft", ""),
    )


@pytest.fixture
def other_manager(org):
    """A line manager in the same department, of someone else."""
    other = _staff("other-manager", org.cabinet_office, "Head of policy")
    _staff("their-report", org.cabinet_office, "Analyst", line_manager=other)
    return other


# Who may read and answer: the author, the manager asked, the deputy covering them.


@pytest.mark.parametrize("who", ["author", "manager", "deputy"])
def test_the_author_their_manager_and_the_covering_deputy_read_the_request(org, as_user, who):
    asked = _ask(org)
    page = as_user(getattr(org, who)).get(reverse("approvals:advice", args=[asked.pk]))
    assert page.status_code == 200
    assert ABOUT in page.content.decode()


@pytest.mark.parametrize(
    "who", ["press", "co_admin", "colleague", "treasury_manager", "treasury_author", "superuser"]
)
def test_everyone_else_is_told_it_does_not_exist(org, as_user, other_manager, who):
    """The department approver, the department's admin, a colleague with the same manager,
    another department's manager, even a superuser: 404, as for a request that never was."""
    asked = _ask(org)
    client = as_user(getattr(org, who))
    private = client.get(reverse("approvals:advice", args=[asked.pk]))
    missing = client.get(reverse("approvals:advice", args=[asked.pk + 1000]))
    assert private.status_code == missing.status_code == 404
    assert alike(private.content, missing.content)
    assert ABOUT not in private.content.decode()
    answered = client.post(
        reverse("approvals:advice_answer", args=[asked.pk]),
        {"answer": AdviceAnswer.GO_AHEAD, "advice": "Fine."},
    )
    assert answered.status_code == 404
    assert AdviceRequest.objects.get(pk=asked.pk).waiting


def test_another_line_manager_reads_nothing_and_answers_nothing(org, as_user, other_manager):
    asked = _ask(org)
    client = as_user(other_manager)
    assert client.get(reverse("approvals:advice", args=[asked.pk])).status_code == 404
    assert ABOUT not in client.get(reverse("approvals:advice_waiting")).content.decode()
    with pytest.raises(NotAllowed):
        services.answer(request_id=asked.pk, by=other_manager, answer="go_ahead", advice="Yes")


def test_the_lists_show_each_person_only_theirs(org, as_user):
    asked = _ask(org)
    waiting = as_user(org.manager).get(reverse("approvals:advice_waiting")).content.decode()
    assert reverse("approvals:advice", args=[asked.pk]) in waiting
    deputy = as_user(org.deputy).get(reverse("approvals:advice_waiting")).content.decode()
    assert "whom you cover" in deputy
    for who in (org.press, org.treasury_manager, org.colleague):
        page = as_user(who).get(reverse("approvals:advice_waiting")).content.decode()
        assert reverse("approvals:advice", args=[asked.pk]) not in page
        assert "No requests for advice wait for you" in page
    mine = as_user(org.author).get(reverse("approvals:advice_list")).content.decode()
    assert "Waiting for an answer" in mine
    theirs = as_user(org.colleague).get(reverse("approvals:advice_list")).content.decode()
    assert "You have not asked for advice yet" in theirs


def test_a_deputy_whose_cover_has_ended_no_longer_reads_or_answers(org, as_user):
    asked = _ask(org)
    Delegation.objects.filter(deputy=org.deputy).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    client = as_user(org.deputy)
    assert client.get(reverse("approvals:advice", args=[asked.pk])).status_code == 404
    assert (
        client.post(
            reverse("approvals:advice_answer", args=[asked.pk]),
            {"answer": AdviceAnswer.GO_AHEAD, "advice": "Fine."},
        ).status_code
        == 404
    )


def test_the_author_cannot_answer_their_own_request(org, as_user):
    asked = _ask(org)
    page = as_user(org.author).get(reverse("approvals:advice", args=[asked.pk])).content.decode()
    assert "Send answer" not in page
    with pytest.raises(NotAllowed):
        services.answer(request_id=asked.pk, by=org.author, answer="go_ahead", advice="Yes")


# Asking.


def test_asking_tells_the_manager_and_their_deputy_and_is_recorded(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:advice_ask"),
        {
            "capacity": "official",
            "channel": "blog",
            "where": "Civil Service blog",
            "about": ABOUT,
            "draft": "Here is how we sign off posts.",
        },
    )
    asked = AdviceRequest.objects.get(author=org.author)
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:advice", args=[asked.pk])
    assert asked.manager == org.manager and asked.department == org.cabinet_office
    told = set(OutboxMessage.objects.filter(key__startswith="advice-asked:").values_list("to"))
    assert told == {(org.manager.email,), (org.deputy.email,)}
    # The e-mail says who asks and where to answer, not what they asked.
    body = OutboxMessage.objects.filter(to=org.manager.email).get().body
    assert ABOUT not in body and reverse("approvals:advice", args=[asked.pk]) in body
    event = AuditEvent.objects.get(advice_request=asked)
    assert (event.action, event.actor, event.subject) == (
        AuditAction.ADVICE_ASKED,
        org.author,
        org.manager,
    )


def test_the_ask_form_explains_what_is_missing_on_the_same_page(org, as_user):
    response = as_user(org.author).post(reverse("approvals:advice_ask"), {"about": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    for message in (
        "Select officially or in a personal capacity",
        "Select where you will take part",
        "Enter the account, site or event",
        "Describe what you want to say",
    ):
        assert message in page
    assert not AdviceRequest.objects.exists()


def test_someone_with_no_line_manager_is_told_whom_to_ask(org, as_user):
    response = as_user(org.press).post(
        reverse("approvals:advice_ask"),
        {"capacity": "personal", "channel": "blog", "where": "My blog", "about": ABOUT},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have no line manager recorded" in page and "govuk-error-summary" in page
    # What they wrote is still there.
    assert ABOUT in page
    assert not AdviceRequest.objects.exists()


def test_hidden_direction_characters_are_refused(org, as_user):
    response = as_user(org.author).post(
        reverse("approvals:advice_ask"),
        {"capacity": "personal", "channel": "blog", "where": "x", "about": "a\u202eb"},
    )
    assert response.status_code == 400
    assert "hidden or control characters" in response.content.decode()


# Answering: each of the four answers.


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        (AdviceAnswer.GO_AHEAD, "Go ahead"),
        (AdviceAnswer.GO_AHEAD_WITH_CHANGES, "Go ahead with changes"),
        (AdviceAnswer.DONT, "Don&#x27;t"),
    ],
)
def test_an_answer_is_recorded_told_and_shown_to_the_author(org, as_user, answer, label):
    asked = _ask(org)
    response = as_user(org.manager).post(
        reverse("approvals:advice_answer", args=[asked.pk]),
        {"answer": answer, "advice": "Keep it short and factual."},
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.answer, asked.answered_by, asked.post) == (answer, org.manager, None)
    page = as_user(org.author).get(reverse("approvals:advice", args=[asked.pk])).content
    assert label in page.decode() and "Keep it short and factual." in page.decode()
    told = OutboxMessage.objects.get(key=f"advice-answered:{asked.pk}")
    assert told.to == org.author.email and AdviceAnswer(answer).label in told.subject
    event = AuditEvent.objects.get(advice_request=asked, action=AuditAction.ADVICE_GIVEN)
    assert (event.actor, event.comment) == (org.manager, AdviceAnswer(answer).label)
    # What was advised stays with the request, out of the trail the admin lists.
    assert "Keep it short and factual." not in event.comment
    assert not Post.objects.filter(author=org.author).exists()


def test_needing_sign_off_makes_the_author_a_draft_post_linked_to_the_advice(org, as_user):
    asked = _ask(org, channel="linkedin", where="Cabinet Office", draft="Cabinet Office: hello.")
    as_user(org.deputy).post(
        reverse("approvals:advice_answer", args=[asked.pk]),
        {"answer": AdviceAnswer.NEEDS_SIGN_OFF, "advice": "That speaks for us: get it signed."},
    )
    asked.refresh_from_db()
    post = asked.post
    assert post is not None and asked.answered_by == org.deputy
    assert (post.author, post.status, post.channel, post.account, post.text) == (
        org.author,
        PostStatus.DRAFT,
        "linkedin",
        "Cabinet Office",
        "Cabinet Office: hello.",
    )
    assert post.publish_at > timezone.now() and post.findings is not None
    # The author is led to it, and it leads back to the advice.
    client = as_user(org.author)
    advice_page = client.get(reverse("approvals:advice", args=[asked.pk])).content.decode()
    assert reverse("approvals:post", args=[post.pk]) in advice_page
    post_page = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert reverse("approvals:advice", args=[asked.pk]) in post_page
    told = OutboxMessage.objects.get(key=f"advice-answered:{asked.pk}")
    assert reverse("approvals:post", args=[post.pk]) in told.body


def test_without_a_draft_the_post_is_made_from_what_they_want_to_say(org):
    asked = _ask(org)
    answered = services.answer(
        request_id=asked.pk, by=org.manager, answer=AdviceAnswer.NEEDS_SIGN_OFF, advice="Sign."
    )
    assert answered.post.text == ABOUT and answered.post.account == "Digital government forum"


def test_the_submitted_post_goes_through_the_usual_sign_off(org, make_post):
    from approvals.posts import services as posts

    asked = _ask(org, channel="linkedin", where="Cabinet Office", draft="Cabinet Office: hi.")
    post = services.answer(
        request_id=asked.pk, by=org.manager, answer=AdviceAnswer.NEEDS_SIGN_OFF, advice="Sign."
    ).post
    submitted = posts.submit_post(post_id=post.pk, author=org.author)
    assert (submitted.status, submitted.stage) == (PostStatus.SUBMITTED, "line_manager")


def test_once_submitted_the_author_is_no_longer_told_to_complete_a_draft(org, as_user):
    from approvals.posts import services as posts

    asked = _ask(org, channel="linkedin", where="Cabinet Office", draft="Cabinet Office: hi.")
    post = services.answer(
        request_id=asked.pk, by=org.manager, answer=AdviceAnswer.NEEDS_SIGN_OFF, advice="Sign."
    ).post
    posts.submit_post(post_id=post.pk, author=org.author)
    page = as_user(org.author).get(reverse("approvals:advice", args=[asked.pk])).content.decode()
    assert "Check and complete your draft post" not in page
    assert "See the post made from your request</a> (waiting for sign-off)" in page
    assert reverse("approvals:post", args=[post.pk]) in page


def test_a_request_is_answered_once(org, as_user):
    asked = _ask(org)
    services.answer(request_id=asked.pk, by=org.manager, answer="go_ahead", advice="Yes.")
    with pytest.raises(ApprovalError, match="already answered"):
        services.answer(request_id=asked.pk, by=org.deputy, answer="dont", advice="No.")
    late = as_user(org.deputy).post(
        reverse("approvals:advice_answer", args=[asked.pk]),
        {"answer": AdviceAnswer.DONT, "advice": "No."},
    )
    assert late.status_code == 302
    asked.refresh_from_db()
    assert (asked.answer, asked.advice) == (AdviceAnswer.GO_AHEAD, "Yes.")


def test_the_answer_form_explains_what_is_missing(org, as_user):
    asked = _ask(org)
    response = as_user(org.manager).post(reverse("approvals:advice_answer", args=[asked.pk]), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select your answer" in page and "Enter your advice" in page
    assert "govuk-error-summary" in page
    # The four answers are radios with hints.
    assert page.count('type="radio"') == 4 and "govuk-radios__hint" in page


def test_requests_are_kept_as_records(org):
    asked = _ask(org)
    with pytest.raises(AppendOnlyError):
        asked.delete()
    with pytest.raises(AppendOnlyError):
        AdviceRequest.objects.all().delete()


def test_what_people_write_is_shown_escaped(org, as_user):
    asked = _ask(org, about=SCRIPT, where=IMAGE, draft=SCRIPT)
    services.answer(request_id=asked.pk, by=org.manager, answer="dont", advice=IMAGE)
    for who, url in (
        (org.author, reverse("approvals:advice", args=[asked.pk])),
        (org.manager, reverse("approvals:advice", args=[asked.pk])),
        (org.author, reverse("approvals:advice_list")),
        (org.manager, reverse("approvals:advice_waiting")),
    ):
        page = as_user(who).get(url).content.decode()
        assert SCRIPT not in page and IMAGE not in page


def test_the_manager_sees_what_waits_for_them_on_the_home_page(org, as_user):
    seed_guidance()
    _ask(org)
    home = as_user(org.manager).get("/").content.decode()
    assert "1 request for advice waits for your answer" in home
    assert reverse("approvals:advice_waiting") in home
    assert "request for advice" not in as_user(org.press).get("/").content.decode()
    # Everyone is offered the way to ask, as the guidance says.
    assert reverse("approvals:advice_ask") in as_user(org.treasury_author).get("/").content.decode()


def test_the_code_pages_if_in_doubt_leads_to_asking(org, as_user):
    seed_guidance()
    code = CivilServiceCodePage.objects.live().get()
    page = as_user(org.author).get(code.url).content.decode()
    assert "take advice from your line manager" in page
    assert reverse("approvals:advice_ask") in page


def test_the_department_approver_signs_the_post_off_without_seeing_the_advice(org, as_user):
    from approvals.posts import services as posts

    asked = _ask(org, channel="linkedin", where="@sessions", draft="Join us next month.")
    post = services.answer(
        request_id=asked.pk, by=org.manager, answer=AdviceAnswer.NEEDS_SIGN_OFF, advice="Sign."
    ).post
    posts.submit_post(post_id=post.pk, author=org.author)
    page = as_user(org.press).get(reverse("approvals:post", args=[post.pk]))
    assert page.status_code == 200
    assert reverse("approvals:advice", args=[asked.pk]) not in page.content.decode()
    assert ABOUT not in page.content.decode()
    manager = as_user(org.manager).get(reverse("approvals:post", args=[post.pk])).content
    assert reverse("approvals:advice", args=[asked.pk]) in manager.decode()


@pytest.mark.parametrize(
    ("today", "goes_out"),
    [
        (date(2026, 12, 2), date(2026, 12, 9)),  # a Wednesday: a week today
        (date(2026, 12, 5), date(2026, 12, 14)),  # a Saturday: the Monday after
        # A Friday: Christmas Day, the weekend and Boxing Day's Monday are passed over.
        (date(2026, 12, 18), date(2026, 12, 29)),
    ],
)
def test_a_draft_made_from_advice_goes_out_on_a_working_day_at_nine(today, goes_out):
    moment = timezone.localtime(services.draft_goes_out(today))
    assert (moment.date(), moment.time()) == (goes_out, time(9, 0))
