from django.conf import settings
from django.db import models
from django.utils import timezone

User = settings.AUTH_USER_MODEL


class NoticeKind(models.TextChoices):
    """What a notice tells. Not the field's choices, so that another kind
    (an advice request answered) needs no migration."""

    COMMENT = "comment", "New comment"
    DECISION = "decision", "Decision on your post"
    WAITING = "waiting", "Waiting for your sign-off"
    ADVICE_ASKED = "advice_asked", "Advice asked of you"
    ADVICE_ANSWERED = "advice_answered", "Advice answered"
    NON_DISCLOSURE_ASKED = "non_disclosure_asked", "Asked not to disclose a position"
    NON_DISCLOSURE_DECIDED = "non_disclosure_decided", "Decision on not disclosing your position"


class Notice(models.Model):
    """Something that changed for one person since they last looked: counted
    on every page until they open it from their notices."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    # Where opening it takes them: a path in the portal.
    url = models.CharField(max_length=500)
    post = models.ForeignKey(
        "approvals.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        "approvals.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When a comment's notice went out in an e-mail digest (approvals.comments.digest).
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notices_of_recipient"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notices_unread",
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(kind="comment", mailed_at__isnull=True, read_at__isnull=True),
                name="notices_to_mail",
            ),
        ]

    def __str__(self):
        return f"{self.summary} → {self.recipient}"
