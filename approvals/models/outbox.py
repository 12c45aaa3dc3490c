from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """An e-mail the portal owes someone, written in the same transaction as
    the change it reports, so that neither is ever kept without the other.

    A relay claims unsent rows (``select_for_update(skip_locked=True)``) and
    sends them; ``key`` is unique, so the same notice is never queued twice.
    """

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_unsent",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"
