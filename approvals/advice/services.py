"""Asking for advice and answering it. Each runs in one transaction, checks
permission on the locked row, writes the audit trail and queues its e-mail in
the same transaction."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from approvals.advice import permissions
from approvals.errors import ApprovalError, NotAllowed
from approvals.mail import advice as mail
from approvals.models import (
    AdviceAnswer,
    AdviceRequest,
    AuditAction,
    AuditEvent,
    Delegation,
    NoticeKind,
    StaffProfile,
)
from approvals.notices import services as notices
from approvals.posts import services as posts
from approvals.reminders import working_hours


def _covering(manager) -> list:
    return [
        delegation.deputy
        for delegation in Delegation.objects.active()
        .filter(delegator=manager)
        .select_related("deputy")
    ]


@transaction.atomic
def ask(
    *, author, capacity: str, channel: str, where: str, about: str, draft: str = ""
) -> AdviceRequest:
    """Ask the author's line manager, as HR records them now."""
    profile = (
        StaffProfile.objects.select_related("line_manager", "department")
        .filter(user=author)
        .first()
    )
    if profile is None:
        raise ApprovalError(
            "Your account has no department or line manager yet. Ask an administrator to add them."
        )
    manager = profile.line_manager
    if manager is None or not manager.is_active:
        raise ApprovalError(
            "You have no line manager recorded, so there is nobody to ask. Ask an "
            "administrator to record your line manager."
        )
    request = AdviceRequest.objects.create(
        author=author,
        manager=manager,
        department=profile.department,
        capacity=capacity,
        channel=channel,
        where=where.strip(),
        about=about.strip(),
        draft=draft.strip(),
    )
    AuditEvent.objects.create(
        actor=author,
        action=AuditAction.ADVICE_ASKED,
        advice_request=request,
        department=profile.department,
        subject=manager,
    )
    askable = [manager, *_covering(manager)]
    mail.advice_asked(request, askable)
    notices.notify_many(
        askable,
        kind=NoticeKind.ADVICE_ASKED,
        summary=f"{author} asked for your advice",
        url=reverse("approvals:advice", args=[request.pk]),
    )
    return request


def draft_goes_out(today: date) -> datetime:
    """A week from ``today`` at 9am, London time, or the first working day after it
    (approvals.reminders.working_hours): a placeholder the author changes before
    submitting, and one that should not suggest a weekend or a bank holiday."""
    day = working_hours.working_day_from(today + timedelta(days=7))
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@transaction.atomic
def answer(*, request_id: int, by, answer: str, advice: str) -> AdviceRequest:
    """Record the answer. "This needs sign-off as an official post" makes the
    author a draft post from the request, linked to it, for them to complete
    and submit through the usual steps."""
    request = (
        AdviceRequest.objects.select_for_update(of=("self",))
        .select_related("author", "manager")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not permissions.may_view(by, request):
        raise NotAllowed("Advice request not found.")
    if not request.waiting:
        raise ApprovalError(
            f"{request.answered_by} has already answered this request "
            f"({request.get_answer_display()}). Your answer was not recorded."
        )
    if not permissions.may_answer(by, request):
        raise NotAllowed("You cannot answer this request.")
    advice = advice.strip()
    if not advice:
        raise ApprovalError("Enter your advice")
    request.answer = AdviceAnswer(answer)
    request.advice = advice
    request.answered_by = by
    request.answered_at = timezone.now()
    if request.answer == AdviceAnswer.NEEDS_SIGN_OFF:
        request.post = posts.save_draft(
            author=request.author,
            channel=request.channel,
            account=request.where,
            text=request.draft or request.about,
            link="",
            publish_at=draft_goes_out(timezone.localdate()),
        )
    request.save(update_fields=["answer", "advice", "answered_by", "answered_at", "post"])
    AuditEvent.objects.create(
        actor=by,
        action=AuditAction.ADVICE_GIVEN,
        advice_request=request,
        subject=request.author,
        # The answer, not the advice: the trail is read in the admin, and the advice is
        # private to the request's readers. The request keeps it, never changed again.
        comment=request.get_answer_display(),
    )
    mail.advice_answered(request)
    notices.notify(
        request.author,
        kind=NoticeKind.ADVICE_ANSWERED,
        summary=f"{by} answered your request for advice: {request.get_answer_display()}",
        url=reverse("approvals:advice", args=[request.pk]),
        post=request.post,
    )
    return request
