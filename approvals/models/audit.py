from django.conf import settings
from django.db import models
from django.utils import timezone

User = settings.AUTH_USER_MODEL


class AuditAction(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for sign-off"
    PRE_AUTHORISED = "pre_authorised", "Recorded as pre-authorised"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    PUBLISHED = "published", "Publication recorded"
    EXPIRED = "expired", "Expired"
    ESCALATED = "escalated", "Escalated"
    DELEGATION_CREATED = "delegation_created", "Cover arranged"
    DELEGATION_WITHDRAWN = "delegation_withdrawn", "Cover withdrawn"
    AUTHORITY_GRANTED = "authority_granted", "Authority granted"
    AUTHORITY_WITHDRAWN = "authority_withdrawn", "Authority withdrawn"
    POLICY_CHANGED = "policy_changed", "Sign-off policy changed"
    EMAIL_RETRIED = "email_retried", "E-mail retried"


class AppendOnlyError(Exception):
    """The audit trail is never rewritten: posts online are permanent, so is their record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what, when, to which version, and what they said.

    Append-only here, in the admin (no edit or delete views) and, on
    PostgreSQL, in the database itself (a trigger refuses UPDATE and DELETE).
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the portal itself acted, e.g. on expiry.",
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    post = models.ForeignKey(
        "approvals.Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    version = models.ForeignKey(
        "approvals.PostVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "approvals.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person a delegation or grant concerns.",
    )
    comment = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
