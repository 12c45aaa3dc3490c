"""Advice from a line manager about taking part online, and the one exception to
disclosing one's position: both kept as records, never deleted."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from approvals.posts.channels import TEXT_MAX, Channel

from .audit import AppendOnlyError
from .departments import Department
from .posts import Post
from .reminders import SweptReminder

User = settings.AUTH_USER_MODEL


class KeptQuerySet(models.QuerySet):
    def delete(self):
        raise AppendOnlyError("Records of advice and agreements are never deleted.")


class Capacity(models.TextChoices):
    OFFICIAL = "official", "Officially, for my department"
    PERSONAL = "personal", "In a personal capacity"


class AdviceAnswer(models.TextChoices):
    GO_AHEAD = "go_ahead", "Go ahead"
    GO_AHEAD_WITH_CHANGES = "go_ahead_with_changes", "Go ahead with changes"
    DONT = "dont", "Don't"
    NEEDS_SIGN_OFF = "needs_sign_off", "This needs sign-off as an official post"


class AdviceRequest(models.Model):
    """Someone asks their line manager whether, and how, to take part online.

    ``manager`` is the line manager when it was asked: it stays with them (and
    whoever covers them) if the author's line management changes later.
    """

    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="advice_requests")
    manager = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    channel = models.CharField("where", max_length=20, choices=Channel.choices)
    where = models.CharField("account, site or event", max_length=200)
    about = models.TextField("what you want to say")
    draft = models.TextField("draft text", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=30, choices=AdviceAnswer.choices, blank=True)
    advice = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The draft post it became, when the answer was that it needs sign-off.
    post = models.OneToOneField(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="advice_request"
    )

    objects = KeptQuerySet.as_manager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["manager", "created_at"],
                condition=models.Q(answer=""),
                name="advice_waiting_by_manager",
            ),
            models.Index(fields=["author", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer="") | models.Q(answered_by__isnull=False),
                name="advice_answered_by_someone",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("draft"), TEXT_MAX),
                name="advice_draft_within_limit",
            ),
        ]

    def __str__(self):
        return f"Advice request {self.pk} from {self.author}"

    @property
    def waiting(self) -> bool:
        return not self.answer

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Advice requests are kept as records and never deleted.")


class AdviceReminder(SweptReminder):
    """One reminder of a waiting advice request owed to one person; the unique
    slot makes it go once, as ``Reminder`` does for posts."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.PROTECT, related_name="+")

    class Meta(SweptReminder.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["request", "recipient", "number"], name="one_advice_reminder_per_slot"
            )
        ]

    def __str__(self):
        return f"Reminder {self.number} of {self.request} to {self.recipient}"


class ExceptionStatus(models.TextChoices):
    ASKED = "asked", "Waiting for the line manager"
    AGREED = "agreed", "Agreed"
    REFUSED = "refused", "Refused"


class DisclosureException(models.Model):
    """An author asks not to disclose their position on a post, for exceptional
    circumstances such as a potential threat to personal security; only their
    line manager may agree or refuse.

    It belongs to the post, not to a version: the circumstances are the
    author's, not the words', so a changed text does not end them, and every
    version is still signed off by people who see the exception and who
    agreed it. Asking again after a refusal is a new record.
    """

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="disclosure_exceptions")
    reason = models.TextField()
    asked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=ExceptionStatus.choices, default=ExceptionStatus.ASKED
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField("the line manager's comment", blank=True)

    objects = KeptQuerySet.as_manager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["asked_at", "pk"]
        constraints = [
            # One open question at a time, and one agreement standing.
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(status__in=["asked", "agreed"]),
                name="one_open_disclosure_exception_per_post",
            ),
            models.CheckConstraint(
                condition=models.Q(status="asked") | models.Q(decided_by__isnull=False),
                name="disclosure_exception_decided_by_someone",
            ),
        ]

    def __str__(self):
        return f"Exception to disclosure on post {self.post_id}: {self.get_status_display()}"

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Agreements to an exception are kept as records.")
