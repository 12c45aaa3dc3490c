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
    PERIOD_DECLARED = "period_declared", "Sensitive period declared"
    PERIOD_CHANGED = "period_changed", "Sensitive period changed"
    PERIOD_ENDED = "period_ended", "Sensitive period ended"
    POSTING_STOPPED = "posting_stopped", "All posting stopped"
    HELD = "held", "Held for a sensitive period"
    RELEASED = "released", "Released as essential"
    COMMENTED = "commented", "Commented"
    COMMENT_CHANGED = "comment_changed", "Comment changed"
    COMMENT_WITHDRAWN = "comment_withdrawn", "Comment withdrawn"
    ADVICE_ASKED = "advice_asked", "Advice asked for"
    ADVICE_GIVEN = "advice_given", "Advice given"
    NON_DISCLOSURE_ASKED = "non_disclosure_asked", "Asked not to disclose their position"
    NON_DISCLOSURE_AGREED = "non_disclosure_agreed", "Agreed not to disclose the position"
    NON_DISCLOSURE_REFUSED = "non_disclosure_refused", "Refused not to disclose the position"
    DRAFT_DELETED = "draft_deleted", "Draft deleted under the retention schedule"


class AppendOnlyError(Exception):
    """The audit trail is never rewritten: posts online are permanent, so is their record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_create(
        self,
        objs,
        batch_size=None,
        ignore_conflicts=False,
        update_conflicts=False,
        update_fields=None,
        unique_fields=None,
    ):
        if update_conflicts:
            raise AppendOnlyError("Audit events cannot be changed.")
        return super().bulk_create(objs, batch_size=batch_size, ignore_conflicts=ignore_conflicts)


def _optional(to, *, related_name: str = "+", **kwargs) -> models.ForeignKey:
    """What an event may concern: empty when it concerns none, and never deleted
    while an event points at it."""
    return models.ForeignKey(
        to, on_delete=models.PROTECT, null=True, blank=True, related_name=related_name, **kwargs
    )


class AuditEvent(models.Model):
    """Who did what, when, to which version, and what they said.

    Append-only here, in the admin (no edit or delete views) and in the
    database itself: triggers refuse UPDATE and DELETE (and TRUNCATE on
    PostgreSQL, where production's app role may only INSERT and SELECT).
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = _optional(User, help_text="Empty when the portal itself acted, e.g. on expiry.")
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    post = _optional("approvals.Post", related_name="audit_events")
    version = _optional("approvals.PostVersion")
    department = _optional("approvals.Department")
    period = _optional("approvals.SensitivePeriod", related_name="audit_events")
    advice_request = _optional("approvals.AdviceRequest", related_name="audit_events")
    subject = _optional(User, help_text="The person a delegation or grant concerns.")
    comment = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        # Django's own paths (refresh_from_db, related lookups) go through the
        # base manager; it must refuse to change events as ``objects`` does.
        base_manager_name = "objects"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["post", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *, force_update=False, update_fields=None, **kwargs):
        if not self._state.adding or force_update or update_fields is not None or self._key_taken():
            raise AppendOnlyError("Audit events cannot be changed.")
        # Only ever an INSERT: given a key, Django would try an UPDATE first.
        kwargs["force_insert"] = True
        super().save(**kwargs)

    def _key_taken(self):
        return self.pk is not None and AuditEvent._base_manager.filter(pk=self.pk).exists()

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
