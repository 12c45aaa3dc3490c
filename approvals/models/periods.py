from django.conf import settings
from django.db import models
from django.db.models import F, Q

from portal.validators import validate_no_control_characters

from .departments import Department

User = settings.AUTH_USER_MODEL


class PeriodKind(models.TextChoices):
    PRE_ELECTION = "pre_election", "Pre-election period"
    REFERENDUM = "referendum", "Referendum"
    MOURNING = "mourning", "National mourning"
    INCIDENT = "incident", "Major incident"
    OTHER = "other", "Other sensitive period"


class SensitivePeriod(models.Model):
    """A time when official posts in the departments it covers stop, unless essential.

    It covers every department (``all_departments``) or the ones chosen and
    their agencies. Kept for the record after it ends; every change to it is
    in the audit trail (approvals.periods.services).
    """

    name = models.CharField(max_length=200, validators=[validate_no_control_characters])
    kind = models.CharField(max_length=20, choices=PeriodKind.choices)
    starts_at = models.DateTimeField("starts")
    # Open-ended until someone ends it: a stop, or a mourning period.
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    all_departments = models.BooleanField(default=False)
    departments = models.ManyToManyField(Department, blank=True, related_name="sensitive_periods")
    guidance = models.TextField(
        blank=True, help_text="What authors should know: shown on every page it covers."
    )
    declared_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="period_ends_after_it_starts",
                violation_error_message="The end must be after the start.",
            )
        ]

    def __str__(self):
        return self.name

    def in_force_at(self, when) -> bool:
        """From its start minute (inside) to its end minute (outside)."""
        return self.starts_at <= when and (self.ends_at is None or when < self.ends_at)
