"""What the register and a post's record read. The register's page is a fixed
number of queries whatever the number of posts or decisions: the posts, their
count, and the decisions on the page's versions in one more."""

from django.db.models import Prefetch, Q, QuerySet

from approvals.models import (
    AuditEvent,
    Decision,
    Department,
    OutboxMessage,
    Post,
    PostStatus,
    PostVersion,
)
from approvals.posts import diffs
from approvals.posts import selectors as posts_selectors
from approvals.records import permissions

# What the register holds: posts that went out or were meant to, and those
# that ended without going out. A held post is in it, marked held: a records
# officer asked about a sensitive period wants to see what it stopped.
REGISTER_STATES = (
    PostStatus.APPROVED,
    PostStatus.PUBLISHED,
    PostStatus.REJECTED,
    PostStatus.WITHDRAWN,
    PostStatus.EXPIRED,
    PostStatus.HELD,
)

COLUMNS = (
    "status",
    "pre_authorised",
    "essential",
    "publish_at",
    "submitted_at",
    "published_at",
    "published_url",
    "department__name",
    "author__first_name",
    "author__last_name",
    "author__username",
    "current_version__number",
    "current_version__channel",
    "current_version__account",
    "current_version__text",
    "current_version__link",
    "current_version__findings",
)


def _decisions() -> Prefetch:
    return Prefetch(
        "current_version__decisions",
        queryset=Decision.objects.select_related("decided_by")
        .only(
            "version_id",
            "stage",
            "authority",
            "outcome",
            "reason",
            "created_at",
            "decided_by__first_name",
            "decided_by__last_name",
            "decided_by__username",
        )
        .order_by("created_at", "pk"),
        to_attr="decided",
    )


def register(user) -> QuerySet[Post]:
    """Every post in the register ``user`` may read, the latest to go out first,
    each with its final version and that version's decisions."""
    return (
        Post.objects.filter(
            permissions.readable(user),
            status__in=REGISTER_STATES,
            current_version__isnull=False,
        )
        .select_related("author", "department", "current_version")
        .only(*COLUMNS)
        .prefetch_related(_decisions())
        .order_by("-publish_at", "-pk")
    )


def departments_for(user) -> list[tuple[int, str]]:
    """The departments ``user`` may filter the register by, by name."""
    if user.is_superuser:
        found = Department.objects.all()
    else:
        found = Department.objects.filter(pk__in=permissions.departments(user))
    return list(found.order_by("name").values_list("pk", "name"))


def audit_trail(user) -> QuerySet[AuditEvent]:
    """The audit events ``user`` may export: about posts they may read, or about
    departments whose records they read (grants, policies, periods' holds).
    Events about nobody's department (cover, periods) are for admins."""
    events = AuditEvent.objects.select_related(
        "actor", "version", "department", "subject"
    ).order_by("created_at", "pk")
    if user.is_superuser:
        return events
    departments = permissions.departments(user)
    return events.filter(
        Q(post__department__in=departments) | Q(post__isnull=True, department__in=departments)
    )


def record(post: Post) -> dict:
    """One post's whole record: every version with what changed from the one
    before, every decision, every audit event and every e-mail about it."""
    versions = list(PostVersion.objects.filter(post=post).order_by("number"))
    changes = []
    before = None
    for version in versions:
        changes.append(
            {
                "version": version,
                "diff": diffs.word_diff(before.text, version.text) if before else None,
                "before": before,
            }
        )
        before = version
    return {
        "versions": changes,
        "decisions": posts_selectors.decisions_on(post),
        "events": posts_selectors.timeline(post),
        "emails": list(OutboxMessage.objects.filter(post=post).order_by("created_at", "pk")),
        # Comments on posts (issue 18) join the record here when they exist.
        "comments": [],
    }
