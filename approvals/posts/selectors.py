"""What the post pages read. Each is a fixed number of SQL queries, whatever the number of
posts, people or grants."""

from django.db.models import Case, F, OuterRef, QuerySet, Subquery, When
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce

from approvals import routing
from approvals.authority import holdings
from approvals.authority.selectors import line_manager_id
from approvals.errors import NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Decision,
    Outcome,
    Post,
    PostStatus,
    PostVersion,
    Stage,
    VersionSeen,
)
from approvals.posts import permissions

LIST_COLUMNS = ("text", "channel", "account", "publish_at", "status", "updated_at")


def posts_by(author) -> QuerySet[Post]:
    return Post.objects.filter(author=author).only(*LIST_COLUMNS).order_by("-updated_at", "-pk")


def waiting_since() -> Expression:
    """When a waiting post began to wait at its step: its submission, or at the
    department's step its line manager's approval. The queue shows and sorts by
    it, and the reminders count from it."""
    line_manager_approval = Decision.objects.filter(
        version=OuterRef("current_version"),
        stage=Stage.LINE_MANAGER,
        outcome=Outcome.APPROVED,
    ).values("created_at")[:1]
    return Case(
        When(
            stage=Stage.DEPARTMENT,
            then=Coalesce(Subquery(line_manager_approval), F("submitted_at")),
        ),
        default=F("submitted_at"),
    )


def waiting_for(user) -> QuerySet[Post]:
    """Posts waiting for ``user``'s decision (``routing.waiting_for``), waiting
    longest first: the one answer to "what waits for whom", which the queue pages
    and every page counts. Each carries its department's reminder policy, if it
    has set one, to mark it urgent or overdue by."""
    return (
        routing.waiting_for(user)
        .select_related("author", "department", "department__reminder_policy", "current_version")
        .annotate(waiting_since=waiting_since())
        .only(
            "channel",
            "account",
            "stage",
            "publish_at",
            "submitted_at",
            "author__first_name",
            "author__last_name",
            "author__username",
            "department__name",
            "department__reminder_policy__escalate_after",
            "department__reminder_policy__urgent_within",
            "current_version__text",
            "current_version__findings",
        )
        .order_by("waiting_since", "pk")
    )


def departments_waiting_for(user) -> list[tuple[int, str]]:
    """The departments of the posts waiting for ``user``, by name: what their
    queue can be filtered by."""
    return list(
        routing.waiting_for(user)
        .order_by("department__name", "department_id")
        .values_list("department_id", "department__name")
        .distinct()
    )


def count_waiting_for(user) -> int:
    return waiting_for(user).order_by().count()


def count_releasable_by(user) -> int:
    """Held posts in departments where ``user`` may approve in sensitive
    periods, not their own: those they may release."""
    departments = holdings.departments_with(user, Authority.APPROVE_IN_SENSITIVE_PERIODS)
    if not departments:
        return 0
    return (
        Post.objects.filter(status=PostStatus.HELD, department__in=departments)
        .exclude(author=user)
        .count()
    )


def post_for_viewer(user, post_id: int) -> tuple[Post, routing.Route] | tuple[None, None]:
    """The post and its route as ``user`` may know them, or Nones when they may not see it.

    The route tells the permission functions whether ``user`` signed its current version.
    """
    post = (
        Post.objects.select_related("author", "department", "current_version")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        return None, None
    signed = set(
        Decision.objects.filter(version__post=post, decided_by=user).values_list(
            "version_id", flat=True
        )
    )
    route = routing.route_of(
        post,
        line_manager=line_manager_id(post.author),
        signed={user.pk} if post.current_version_id in signed else (),
    )
    if not permissions.may_view(user, route, decided=bool(signed)):
        return None, None
    return post, route


def locked_post(post_id: int) -> Post:
    """The post with its author, department and current version, locked until
    the transaction that changes it ends, or NotAllowed when there is none."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("author", "department", "current_version")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise NotAllowed("Post not found.")
    return post


def versions_of(post) -> list[PostVersion]:
    return list(post.versions.order_by("number"))


def decisions_on(post) -> list[Decision]:
    return list(
        Decision.objects.filter(version__post=post)
        .select_related("decided_by", "version")
        .order_by("created_at", "pk")
    )


COMMENT_ACTIONS = (
    AuditAction.COMMENTED,
    AuditAction.COMMENT_CHANGED,
    AuditAction.COMMENT_WITHDRAWN,
)


def timeline(post) -> list[AuditEvent]:
    """The post's history, each decision with the step it was taken at, so two
    approvals of one version read as the line manager's and the department's."""
    step = Decision.objects.filter(
        version_id=OuterRef("version_id"),
        decided_by_id=OuterRef("actor_id"),
        outcome=OuterRef("action"),
    ).values("stage")[:1]
    events = list(
        AuditEvent.objects.filter(post=post)
        # Comments have a section of their own, which shows a withdrawn one's
        # words only to whoever wrote it; the audit trail keeps every wording.
        .exclude(action__in=COMMENT_ACTIONS)
        .select_related("actor", "version")
        .annotate(stage=Subquery(step))
        .order_by("created_at", "pk")
    )
    for event in events:
        event.stage_label = Stage(event.stage).label.lower() if event.stage else ""
    return events


def last_decision_by(user, post) -> Decision | None:
    return (
        Decision.objects.filter(version__post=post, decided_by=user)
        .select_related("version")
        .order_by("-created_at", "-pk")
        .first()
    )


def last_seen_version(user, post) -> PostVersion | None:
    seen = VersionSeen.objects.filter(post=post, user=user).select_related("version").first()
    return seen.version if seen else None
