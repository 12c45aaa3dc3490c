"""What the post pages read. Each is a fixed number of SQL queries, whatever the number of
posts, people or grants."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from approvals.authority import holdings
from approvals.authority.selectors import line_manager_id
from approvals.models import (
    AuditEvent,
    Authority,
    Decision,
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


def waiting_for(user) -> QuerySet[Post]:
    """Posts waiting for ``user``'s decision, oldest first: as line manager, as a
    deputy covering one, or as an approver in a department where they hold authority.

    The one answer to "what waits for whom": the queue pages it and every page
    counts it. Filtering by lists of author and department ids, rather than by
    joins through their profiles, lets PostgreSQL read only the small partial
    indexes of waiting posts."""
    if not (user.is_authenticated and user.is_active):
        return Post.objects.none()
    reports = holdings.reports_signed_off_by(user)
    departments = holdings.departments_with(user, Authority.APPROVE_POSTS)
    routes = Q(stage=Stage.LINE_MANAGER, author__in=reports)
    if departments:
        routes |= Q(stage=Stage.DEPARTMENT, department__in=departments)
    return (
        Post.objects.filter(routes, status=PostStatus.SUBMITTED)
        .exclude(author=user)
        .exclude(current_version__decisions__decided_by=user)
        .select_related("author", "department", "current_version")
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
            "current_version__text",
            "current_version__findings",
        )
        .order_by("submitted_at", "pk")
    )


def count_waiting_for(user) -> int:
    return waiting_for(user).order_by().count()


def post_for_viewer(user, post_id: int):
    """The post and what ``user`` may know of it, or None when they may not see it.

    Returns (post, line manager id) so callers can ask the permission functions.
    """
    post = (
        Post.objects.select_related("author", "department", "current_version")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        return None, None
    manager_id = line_manager_id(post.author)
    decided = Decision.objects.filter(version__post=post, decided_by=user).exists()
    if not permissions.may_view(user, post, line_manager_id=manager_id, decided=decided):
        return None, None
    return post, manager_id


def versions_of(post) -> list[PostVersion]:
    return list(post.versions.order_by("number"))


def decisions_on(post) -> list[Decision]:
    return list(
        Decision.objects.filter(version__post=post)
        .select_related("decided_by", "version")
        .order_by("created_at", "pk")
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
        .select_related("actor", "version")
        .annotate(stage=Subquery(step))
        .order_by("created_at", "pk")
    )
    for event in events:
        event.stage_label = Stage(event.stage).label.lower() if event.stage else ""
    return events


def last_seen_version(user, post) -> PostVersion | None:
    seen = VersionSeen.objects.filter(post=post, user=user).select_related("version").first()
    return seen.version if seen else None
