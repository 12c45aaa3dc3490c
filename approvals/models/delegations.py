from django.conf import settings
from django.db import models
from django.utils import timezone

User = settings.AUTH_USER_MODEL


class DelegationQuerySet(models.QuerySet):
    def active(self, on=None):
        """Delegations in force on a day, between two people who are both still active."""
        on = on or timezone.localdate()
        return self.filter(
            starts_on__lte=on,
            ends_on__gte=on,
            withdrawn_at__isnull=True,
            delegator__is_active=True,
            deputy__is_active=True,
        )


class Delegation(models.Model):
    """A line manager's approvals, covered by a deputy between two dates."""

    delegator = models.ForeignKey(User, on_delete=models.PROTECT, related_name="delegations_given")
    deputy = models.ForeignKey(User, on_delete=models.PROTECT, related_name="delegations_held")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="delegation_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(deputy=models.F("delegator")),
                name="delegation_not_to_self",
            ),
        ]
        indexes = [models.Index(fields=["deputy", "ends_on"])]

    def __str__(self):
        return f"{self.deputy} covers for {self.delegator}, {self.starts_on} to {self.ends_on}"
