from django.conf import settings
from django.db import models


class Department(models.Model):
    """A department, or an agency sitting under one (``parent``).

    Delegated authority is held as object permissions on a department.
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text="The department this agency sits under; empty for a department.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """Where a user sits: their department, job title and line manager."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="staff")
    job_title = models.CharField(max_length=200)
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(line_manager=models.F("user")),
                name="staff_not_own_line_manager",
                violation_error_message="Nobody can be their own line manager.",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.job_title}, {self.department})"

    @property
    def disclosed_position(self):
        return f"{self.job_title}, {self.department}"
