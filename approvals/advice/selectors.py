"""What the advice pages read: a fixed number of queries each."""

from django.db.models import Q, QuerySet

from approvals.advice import permissions
from approvals.authority import holdings
from approvals.models import AdviceRequest

_PEOPLE = ("author", "manager", "answered_by")


def asked_by(user) -> QuerySet[AdviceRequest]:
    """An author's own requests, newest first."""
    return AdviceRequest.objects.filter(author=user).select_related(*_PEOPLE)


def waiting_for(user) -> QuerySet[AdviceRequest]:
    """Requests waiting for ``user``'s answer: asked of them or of a manager they
    cover today, oldest first, never their own."""
    if not (user.is_authenticated and user.is_active):
        return AdviceRequest.objects.none()
    managers = {user.pk} | holdings.managers_covered_by(user)
    return (
        AdviceRequest.objects.filter(manager__in=managers, answer="")
        .exclude(author=user)
        .select_related(*_PEOPLE, "department")
        .order_by("created_at", "pk")
    )


def answered_by_or_for(user) -> QuerySet[AdviceRequest]:
    """Requests ``user`` was asked, or answered, that have been answered: newest first."""
    return (
        AdviceRequest.objects.filter(Q(manager=user) | Q(answered_by=user))
        .exclude(answer="")
        .select_related(*_PEOPLE)
        .order_by("-answered_at", "-pk")
    )


def count_waiting_for(user) -> int:
    return waiting_for(user).order_by().count()


def request_for_viewer(user, pk: int) -> AdviceRequest | None:
    """The request, or None alike when it does not exist and when ``user`` may not see it."""
    request = (
        AdviceRequest.objects.select_related(*_PEOPLE, "department", "post").filter(pk=pk).first()
    )
    if request is None or not permissions.may_view(user, request):
        return None
    return request
