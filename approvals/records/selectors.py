"""What the register and a post's record read. The register's page is a fixed
number of queries whatever the number of posts or decisions: the posts, their
count, and the decisions on the page's versions in one more."""

from collections.abc import Iterator

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
from approvals.posts import non_disclosure, threads
from approvals.posts import selectors as posts_selectors
from approvals.records import permissions, wording

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


# What the register reads of a decision, the last three the decider's name.
DECISION_COLUMNS = (
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


def decisions_prefetched() -> Prefetch:
    """The decisions on each post's final version, for a page of the register."""
    return Prefetch(
        "current_version__decisions",
        queryset=Decision.objects.select_related("decided_by")
        .only(*DECISION_COLUMNS)
        .order_by("created_at", "pk"),
        to_attr="decided",
    )


def register(user) -> QuerySet[Post]:
    """Every post in the register ``user`` may read, the latest to go out first,
    with its final version."""
    return (
        Post.objects.filter(
            permissions.readable(user),
            status__in=REGISTER_STATES,
            current_version__isnull=False,
        )
        .select_related("author", "department", "current_version")
        .only(*COLUMNS)
        .order_by("-publish_at", "-pk")
    )


# What an export reads of each post: columns, not models, since building seven
# model instances a row is most of the time 100,000 rows take.
ROW = ("pk", "current_version_id", *COLUMNS)
CHUNK = 2000


def rows(posts: QuerySet[Post]) -> Iterator[dict]:
    """``posts`` (``register()``, filtered) as rows, each with its decisions
    (``wording.Line``), read ``CHUNK`` at a time: a server-side cursor on
    PostgreSQL and one query for each chunk's decisions, so that however many
    posts there are, only a chunk is ever in memory."""
    chunk: list[dict] = []
    for row in posts.values(*ROW).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _with_decisions(chunk)
            chunk = []
    yield from _with_decisions(chunk)


def _with_decisions(chunk: list[dict]) -> list[dict]:
    found: dict[int, list] = {row["current_version_id"]: [] for row in chunk}
    for version, *decision, first, last, username in (
        Decision.objects.filter(version_id__in=list(found))
        .order_by("created_at", "pk")
        .values_list(*DECISION_COLUMNS)
    ):
        stage, authority, outcome, reason, when = decision
        found[version].append(
            wording.line(
                stage=stage,
                authority=authority,
                outcome=outcome,
                who=wording.person_named(first, last, username),
                when=when,
                reason=reason,
            )
        )
    for row in chunk:
        author = wording.person_named(
            row["author__first_name"], row["author__last_name"], row["author__username"]
        )
        row["author"] = author
        row["decisions"] = (
            [wording.pre_authorised(author, row["submitted_at"])]
            if row["pre_authorised"]
            else found[row["current_version_id"]]
        )
    return chunk


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
        "actor", "version", "department", "post__department", "subject"
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
                "changes": threads.thread_diff(threads.parts_of(before), threads.parts_of(version))
                if before
                else None,
                "before": before,
            }
        )
        before = version
    return {
        "versions": changes,
        "decisions": posts_selectors.decisions_on(post),
        "events": posts_selectors.timeline(post),
        "emails": list(OutboxMessage.objects.filter(post=post).order_by("created_at", "pk")),
        "exceptions": non_disclosure.history(post),
    }
