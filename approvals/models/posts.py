import json

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from approvals.posts.channels import MOST_PARTS, PART_MAX, TEXT_MAX, Channel

from .departments import Department

User = settings.AUTH_USER_MODEL


class PostStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for sign-off"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired"
    # Due to go out in a sensitive period declared after it was submitted
    # (approvals.periods): its stage says where it was when held.
    HELD = "held", "Held for a sensitive period"


class Stage(models.TextChoices):
    LINE_MANAGER = "line_manager", "Line manager"
    DEPARTMENT = "department", "Department approver"
    SENSITIVE = "sensitive", "Sensitive period approver"


def _text_within_limit(name: str) -> models.CheckConstraint:
    """No text longer than the checks are sized for, however it arrives."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length("text"), TEXT_MAX),
        name=name,
        violation_error_message=f"The text must be {TEXT_MAX:,} characters or fewer",
    )


class AsWritten(json.JSONEncoder):
    """Keeps the parts' characters as written rather than as \\u escapes, so that their
    stored length is the same, give or take escaped quotes and line breaks, in SQLite as
    in PostgreSQL."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


# Each part stored as JSON takes at most twice its characters (a quote, a backslash or
# a line break is escaped) and its quotes and separator.
_PARTS_STORED_MAX = (MOST_PARTS - 1) * (2 * PART_MAX + 4) + 2


def _further_parts() -> models.JSONField:
    """The parts of a thread after the first (which is ``text``), in order.

    A list in the post's own row rather than a model of its own: the parts are written,
    frozen, compared and shown only ever together with the post, so the row carries them
    and no page reads them with a query more. Images name the part they go with by its
    number (0 for ``text``)."""
    return models.JSONField(default=list, blank=True, encoder=AsWritten)


class JSONArrayLength(models.Func):
    """The number of items in a JSON array, in PostgreSQL and in SQLite."""

    function = "JSONB_ARRAY_LENGTH"
    output_field = models.IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_ARRAY_LENGTH", **extra_context)


def _thread_within_limit(prefix: str) -> list[models.CheckConstraint]:
    """No thread longer than the checks are sized for, however it arrives."""
    message = (
        f"A thread must have {MOST_PARTS} parts or fewer, each of {PART_MAX:,} characters or fewer"
    )
    return [
        models.CheckConstraint(
            condition=LessThanOrEqual(JSONArrayLength("further_parts"), MOST_PARTS - 1),
            name=f"{prefix}_parts_within_limit",
            violation_error_message=message,
        ),
        models.CheckConstraint(
            condition=LessThanOrEqual(
                Length(Cast("further_parts", models.TextField())), _PARTS_STORED_MAX
            ),
            name=f"{prefix}_thread_within_limit",
            violation_error_message=message,
        ),
    ]


class Post(models.Model):
    """A proposed official post, as the author is editing it now.

    What was submitted and decided lives in its versions: each submission
    freezes one.
    """

    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="posts")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="posts")
    disclosed_position = models.CharField(max_length=400)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    account = models.CharField(
        "account or page", max_length=200, help_text="Where it goes out, e.g. @cabinetofficeuk."
    )
    text = models.TextField()
    further_parts = _further_parts()
    link = models.URLField(max_length=500, blank=True)
    publish_at = models.DateTimeField("when it should go out")
    # What the checks found when the text was last saved or submitted: pages show
    # these rather than checking the text again on every view.
    findings = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=PostStatus.choices, default=PostStatus.DRAFT)
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    current_version = models.ForeignKey(
        "PostVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pre_authorised = models.BooleanField(default=False)
    # Submitted to go out in a sensitive period: it then needs the further
    # sign-off of someone holding approve-in-sensitive-periods.
    essential = models.BooleanField(default=False)
    essential_reason = models.TextField("why it is essential", blank=True)
    # The period it was judged essential for: another period holds it again.
    essential_for = models.ForeignKey(
        "approvals.SensitivePeriod",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_url = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["status", "stage", "submitted_at"]),
            models.Index(fields=["author", "-updated_at"]),
            # The sign-off queue reads waiting posts by author (for line managers)
            # and by department (for department approvers): small partial indexes.
            models.Index(
                fields=["author", "submitted_at"],
                condition=models.Q(status="submitted"),
                name="post_waiting_by_author",
            ),
            models.Index(
                fields=["department", "submitted_at"],
                condition=models.Q(status="submitted"),
                name="post_waiting_by_department",
            ),
            # The register (approvals.records) lists posts by when they go out, the
            # latest first, for everyone or for some departments.
            models.Index(fields=["-publish_at", "-id"], name="post_register"),
            models.Index(fields=["department", "-publish_at"], name="post_register_by_department"),
        ]
        constraints = [
            _text_within_limit("post_text_within_limit"),
            *_thread_within_limit("post"),
        ]

    def __str__(self):
        return f"Post {self.pk} by {self.author} on {self.get_channel_display()}"

    @property
    def is_editable(self):
        return self.status in {
            PostStatus.DRAFT,
            PostStatus.CHANGES_REQUESTED,
            PostStatus.APPROVED,
            PostStatus.HELD,
        }


class PostVersion(models.Model):
    """What the author submitted, frozen: decisions belong to a version."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    account = models.CharField(max_length=200)
    text = models.TextField()
    further_parts = _further_parts()
    link = models.URLField(max_length=500, blank=True)
    publish_at = models.DateTimeField()
    disclosed_position = models.CharField(max_length=400)
    findings = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["post", "number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="one_version_number_per_post"),
            _text_within_limit("version_text_within_limit"),
            *_thread_within_limit("version"),
        ]

    def __str__(self):
        return f"Version {self.number} of post {self.post_id}"

    # What the author writes; the disclosed position comes from their profile.
    WRITTEN = ("channel", "account", "text", "further_parts", "link", "publish_at")

    @classmethod
    def frozen_from(cls, post: Post, **fields) -> "PostVersion":
        """``post`` as it stands, unsaved: what goes out, where, when and from whom."""
        copied = (*cls.WRITTEN, "disclosed_position")
        return cls(post=post, **{name: getattr(post, name) for name in copied}, **fields)

    def says_what(self, post: Post) -> bool:
        """Whether the post, as its author has it now, still says what this version said."""
        return all(getattr(self, name) == getattr(post, name) for name in self.WRITTEN) and [
            image.frozen() for image in self.images.all()
        ] == [image.frozen() for image in post.images.all()]


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approve"
    CHANGES_REQUESTED = "changes_requested", "Request changes"
    REJECTED = "rejected", "Reject"


OUTCOME_IN_WORDS = {
    Outcome.APPROVED: "approved",
    Outcome.CHANGES_REQUESTED: "changes requested",
    Outcome.REJECTED: "rejected",
}


class DecisionAuthority(models.TextChoices):
    """Under which authority someone decided: recorded when they decided, since
    who manages whom, who covers and who holds what all change afterwards."""

    LINE_MANAGER = "line_manager", "Line manager"
    COVER = "cover", "Covering deputy"
    DEPARTMENT = "department", "Department approver"
    SENSITIVE = "sensitive", "Sensitive-period approver"


class Decision(models.Model):
    version = models.ForeignKey(PostVersion, on_delete=models.PROTECT, related_name="decisions")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    # Empty only for decisions taken before it was recorded whose authority
    # could not be told afterwards (migration 0013).
    authority = models.CharField(max_length=20, choices=DecisionAuthority.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="decisions")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Kept when the decision is made (approvals.posts.turnaround), for the reports:
    # working hours the version waited at this step, and since it was submitted,
    # and whether this decision ended its sign-off (a rejection, a request for
    # changes, or the approval at its last step).
    waited_working_hours = models.FloatField(null=True, blank=True, editable=False)
    working_hours_since_submission = models.FloatField(null=True, blank=True, editable=False)
    ends_sign_off = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["created_at"]
        # The reports read decisions by when they were made.
        indexes = [models.Index(fields=["created_at"], name="decision_by_time")]
        constraints = [
            # The last line of defence against two approvers deciding at once.
            models.UniqueConstraint(fields=["version", "stage"], name="one_decision_per_stage")
        ]

    def __str__(self):
        return f"{self.outcome_in_words} by {self.decided_by}"

    @property
    def outcome_in_words(self) -> str:
        """The outcome as a record says it: "approved", not the button's "Approve"."""
        return OUTCOME_IN_WORDS[self.outcome]


class VersionSeen(models.Model):
    """The version of a post an approver last opened, to show them what changed since."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(PostVersion, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_seen_per_reader")]

    def __str__(self):
        return f"{self.user} last saw version {self.version.number} of post {self.post_id}"
