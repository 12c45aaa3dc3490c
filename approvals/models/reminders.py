from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from .departments import Department
from .posts import PostVersion, Stage

User = settings.AUTH_USER_MODEL

# Four weeks of working days: a longer wait is a policy nobody means.
MAX_WORKING_HOURS = 24 * 20


def _hours_field(verbose_name: str, help_text: str, maximum: int = MAX_WORKING_HOURS):
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(1), MaxValueValidator(maximum)],
        help_text=help_text,
    )


class ReminderPolicy(models.Model):
    """When a department's approvers are reminded of what waits for them.

    Hours are working hours (see ``approvals.reminders.working_hours``), except
    ``urgent_within``, which counts down real hours to a post's publication
    time. A department without a row follows the defaults in
    ``settings.APPROVALS_REMINDER_DEFAULTS``.
    """

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, primary_key=True, related_name="reminder_policy"
    )
    first_after = _hours_field(
        "first reminder after",
        "Working hours a post waits at one step before its approvers are reminded.",
    )
    repeat_every = _hours_field(
        "then remind every", "Working hours between reminders while it still waits."
    )
    escalate_after = _hours_field(
        "escalate after",
        "Working hours after which the approver's own line manager and the department's "
        "approvers are told, and the author too.",
    )
    urgent_within = _hours_field(
        "urgent when it goes out within",
        "Hours before the post's publication time when its approvers get an urgent reminder.",
        maximum=24 * 28,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "reminder policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(escalate_after__gt=models.F("first_after")),
                name="reminder_escalation_after_first_reminder",
                violation_error_message="Escalation must come after the first reminder.",
            )
        ]

    def __str__(self):
        return f"Reminders in {self.department}"

    @classmethod
    def default_for(cls, department_id: int) -> "ReminderPolicy":
        """The settings' defaults, unsaved, for a department that has set none."""
        return cls(department_id=department_id, **settings.APPROVALS_REMINDER_DEFAULTS)

    def describe(self) -> str:
        return (
            f"Reminders after {self.first_after} working hours, then every "
            f"{self.repeat_every}; escalation after {self.escalate_after}; urgent within "
            f"{self.urgent_within} hours of publication."
        )


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    URGENT = "urgent", "Urgent reminder"
    ESCALATION = "escalation", "Escalation"


class SweptReminder(models.Model):
    """What every reminder a sweep sends keeps: to whom, which slot, the sweep
    that claimed it (its rows are read back by ``run``) and when."""

    recipient = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    run = models.UUIDField(help_text="The sweep that sent it.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["run", "recipient"])]


class Reminder(SweptReminder):
    """One reminder owed to one person about one wait, claimed by the sweep
    that sends it.

    A wait is a version of a post at one step (``version``, ``stage``);
    ``number`` is the reminder slot within it (the third reminder is 3). The
    unique constraint is what makes every reminder go once: a sweep inserts
    its rows ignoring conflicts, reads back those that carry its own ``run``,
    and queues e-mail for those alone, in the same transaction. Of two
    sweeps inserting the same row, the second waits for the first to commit
    and then inserts nothing.
    """

    version = models.ForeignKey(PostVersion, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)

    class Meta(SweptReminder.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["version", "stage", "recipient", "kind", "number"],
                name="one_reminder_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} on {self.version} to {self.recipient}"
