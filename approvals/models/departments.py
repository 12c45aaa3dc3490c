from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.validators import validate_no_control_characters

User = settings.AUTH_USER_MODEL


class SignOffPolicy(models.TextChoices):
    ALWAYS = "always", "Always, after the line manager"
    WHEN_FINDINGS = "findings", "Only when the checks find something"
    NEVER = "never", "Never: the line manager's approval is enough"


class Authority(models.TextChoices):
    """Delegated authority, held as object permissions on a department."""

    APPROVE_POSTS = "approve_posts", "Approve posts"
    PUBLISH_WITHOUT_APPROVAL = "publish_without_approval", "Publish without approval"
    MANAGE_DELEGATIONS = "manage_delegations", "Manage delegations and authority"
    # The further sign-off an essential post needs in a sensitive period, and
    # releasing a post held by one (approvals.periods).
    APPROVE_IN_SENSITIVE_PERIODS = "approve_in_sensitive_periods", "Approve in sensitive periods"
    # Records officers: the department's register and each post's whole record
    # (approvals.records), without deciding anything.
    VIEW_RECORDS = "view_records", "View records"


class Department(models.Model):
    """A department, or an agency sitting under one (``parent``).

    Delegated authority is held as object permissions on a department.
    Authority on a department does not reach its agencies: each is granted
    where it is meant.
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    abbreviation = models.CharField(
        max_length=20, blank=True, help_text="As it would appear in a post, e.g. HMT."
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text="The department this agency sits under; empty for a department.",
    )
    signoff_policy = models.CharField(
        "second sign-off step",
        max_length=20,
        choices=SignOffPolicy.choices,
        default=SignOffPolicy.WHEN_FINDINGS,
        help_text="When a post needs approval from someone holding authority in the department "
        "after the author's line manager.",
    )
    accessibility_findings_need_second_step = models.BooleanField(
        "accessibility findings need the second sign-off step",
        default=False,
        help_text="Whether, when the second step is only for posts the checks find something "
        "in, the accessibility checks' findings count. The other checks' findings always do.",
    )

    class Meta:
        ordering = ["name"]
        permissions = [(a.value, a.label) for a in Authority]

    def __str__(self):
        return self.name

    def names_for_disclosure(self):
        names = [self.name, self.abbreviation]
        if self.parent_id:
            names += [self.parent.name, self.parent.abbreviation]
        return [n for n in names if n]


class DepartmentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Department, on_delete=models.CASCADE)


class DepartmentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Department, on_delete=models.CASCADE)


class AuthorityGroup(models.Model):
    """The group through which one authority in one department is granted.

    Granting authority to a person is adding them to this group; the group
    holds the guardian object permission on the department.
    """

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="authority_groups"
    )
    authority = models.CharField(max_length=40, choices=Authority.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="authority")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["department", "authority"], name="one_group_per_authority"
            )
        ]

    def __str__(self):
        return f"{self.get_authority_display()}: {self.department}"


class StaffProfile(models.Model):
    """Where a user sits: their department, job title and line manager."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="staff_profile")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="staff")
    # Shown beside the person's name, and disclosed in their posts.
    job_title = models.CharField(max_length=200, validators=[validate_no_control_characters])
    line_manager = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
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
