from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def default_draft_months() -> int:
    return settings.APPROVALS_RETENTION_DEFAULTS["draft_months"]


def default_record_years() -> int:
    return settings.APPROVALS_RETENTION_DEFAULTS["record_years"]


@register_setting(icon="time")
class RetentionSchedule(BaseGenericSetting):
    """How long the portal keeps what it holds (approvals.retention applies it).

    One for the whole portal, edited in the Wagtail admin's Settings. Audit
    events are never deleted, whatever it says."""

    draft_months = models.PositiveSmallIntegerField(
        "delete drafts never submitted after (months)",
        default=default_draft_months,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="A draft nobody has submitted or changed for this long is deleted, "
        "and its deletion recorded in the audit trail.",
    )
    record_years = models.PositiveSmallIntegerField(
        "review records of submitted posts after (years)",
        default=default_record_years,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Records of posts submitted for sign-off are kept. Once untouched for this "
        "long they are listed for review; they are never deleted automatically.",
    )

    class Meta:
        verbose_name = "retention schedule"

    def __str__(self):
        return f"Drafts {self.draft_months} months, records {self.record_years} years"
