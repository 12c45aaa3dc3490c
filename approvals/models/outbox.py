from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """An e-mail the portal owes someone, written in the same transaction as
    the change it reports, so that neither is ever kept without the other.

    A relay claims due rows (``select_for_update(skip_locked=True)``) and
    sends them; ``key`` is unique, so the same notice is never queued twice.
    A message that cannot be sent is tried again later, each time waiting
    longer, and after ``APPROVALS_OUTBOX_MAX_ATTEMPTS`` is marked failed for
    an admin to see, and to retry once the cause is mended.
    """

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField("recipient")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the relay gave up: no more attempts until retried."
    )
    next_attempt_at = models.DateTimeField("next attempt", default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # The post a message is about, for the post's whole record; empty for a
    # digest about many posts (reminders, holds).
    post = models.ForeignKey(
        "approvals.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @property
    def status(self) -> str:
        if self.sent_at:
            return "Sent"
        return "Failed" if self.failed_at else "Waiting"

    def next_attempt(self):
        """When the relay tries again: never, once the message is sent or has failed."""
        return self.next_attempt_at if self.status == "Waiting" else None
