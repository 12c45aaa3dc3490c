"""Who signs off a post: each step's rule, stated once, and the three views of it.

A submitted post waits first for its author's line manager, or whoever covers
them today, then, when the department's policy asks for a second step, for
anyone holding approve-posts in the department (in person or through the
department's own group). Nobody signs off their own post, and nobody signs
the same version twice: the second sign-off comes from someone else.

The rule (``signers`` and ``approvers``, in ``rule``) is pure: it reads a ``Route``
(what the post is) and a ``World`` (who manages, covers and holds what), so it is
tested without a database. The views the code needs, here, all go through it, except
the queue's query, which says the same thing in the ORM so that PostgreSQL reads only
the small indexes of waiting posts; it sits at the end of this module, and
``tests/approvals/test_routing_agrees.py`` checks that the views agree:

- ``approvers_of(post)``: the people one post waits for (to tell them);
- ``approvers_of_many(routes, on=day)``: every waiting post's, in three queries
  (for the reminders);
- ``waiting_for(user)``: the posts waiting for one person (the queue, the counts);
- ``may_decide(user, route)``: ``user`` is among the approvers, nothing more;
- ``signs_off_anything(user)``: whether anything could ever wait for ``user``.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from approvals.authority import holdings
from approvals.models import (
    Authority,
    Decision,
    Delegation,
    DepartmentUserObjectPermission,
    Post,
    PostStatus,
    StaffProfile,
    Stage,
)
from approvals.routing.rule import Route, World, approvers, signers

# The steps a post takes, which its callers ask of the package.
from approvals.routing.rule import first_stage as first_stage
from approvals.routing.rule import needs_department_step as needs_department_step
from approvals.routing.rule import next_stage as next_stage

Person = AbstractBaseUser | AnonymousUser


def active_line_manager(author_id: int) -> int | None:
    return (
        StaffProfile.objects.filter(user_id=author_id, line_manager__is_active=True)
        .values_list("line_manager_id", flat=True)
        .first()
    )


# A post's route, read from the post or from its columns.


def route_of(post: Post, *, line_manager: int | None, signed: Iterable[int] = ()) -> Route:
    return Route(
        post=post.pk,
        version=post.current_version_id,
        waiting=post.status == PostStatus.SUBMITTED,
        stage=post.stage,
        author=post.author_id,
        department=post.department_id,
        line_manager=line_manager,
        signed=frozenset(signed),
    )


# The columns of a post that make its route, to read many at once with ``.values``.
ROUTE_COLUMNS = (
    "pk",
    "current_version_id",
    "status",
    "stage",
    "author_id",
    "department_id",
    "author__staff_profile__line_manager_id",
    "author__staff_profile__line_manager__is_active",
)


def route_from_row(row: Mapping[str, Any]) -> Route:
    """The route of a post read ``.values(*ROUTE_COLUMNS)``."""
    active = row["author__staff_profile__line_manager__is_active"]
    return Route(
        post=row["pk"],
        version=row["current_version_id"],
        waiting=row["status"] == PostStatus.SUBMITTED,
        stage=row["stage"],
        author=row["author_id"],
        department=row["department_id"],
        line_manager=row["author__staff_profile__line_manager_id"] if active else None,
    )


# One person's side of the rule. Whether someone is among the signers depends
# only on facts about them, so a world of what they hold answers for them
# exactly as the whole world would.


def _active(user: Person) -> bool:
    return bool(user.is_authenticated and user.is_active)


def world_of(user: Person) -> World:
    """What ``user`` holds, read once per request (see ``holdings``)."""
    if not _active(user) or user.pk is None:
        return World()
    me = frozenset({user.pk})
    return World(
        covers=dict.fromkeys(holdings.managers_covered_by(user), me),
        holders=dict.fromkeys(holdings.departments_with(user, Authority.APPROVE_POSTS), me),
        sensitive=dict.fromkeys(
            holdings.departments_with(user, Authority.APPROVE_IN_SENSITIVE_PERIODS), me
        ),
    )


def may_decide(user: Person, route: Route) -> bool:
    """``route.signed`` must say whether ``user`` has signed its version."""
    # The route names the line manager whether or not they are active: ask them first.
    return _active(user) and user.pk in approvers(route, world_of(user))


def signs_off(user: Person, route: Route) -> bool:
    """Whether ``user`` signs the post off at the step it is at (or expired at)."""
    return _active(user) and user.pk in signers(route, world_of(user))


def signs_off_at_some_step(user: Person, route: Route) -> bool:
    """Whether the post comes, or would come, to ``user`` at either step."""
    return any(signs_off(user, replace(route, stage=stage)) for stage in Stage)


# Reading the world for many posts at once, or for one.


def _covers(on: date, managers: Iterable[int] | None = None) -> dict[int, frozenset[int]]:
    delegations = Delegation.objects.active(on=on)
    if managers is not None:
        delegations = delegations.filter(delegator_id__in=managers)
    deputies: defaultdict[int, set[int]] = defaultdict(set)
    for manager_id, deputy_id in delegations.values_list("delegator_id", "deputy_id"):
        deputies[manager_id].add(deputy_id)
    return {manager_id: frozenset(ids) for manager_id, ids in deputies.items()}


def _holders(
    departments: Iterable[int] | None = None, authority: Authority = Authority.APPROVE_POSTS
) -> dict[int, frozenset[int]]:
    """Active holders of ``authority``, by department: one query over guardian's
    tables (in person, or through the department's own group)."""
    direct = DepartmentUserObjectPermission.objects.filter(
        permission__codename=authority, user__is_active=True
    )
    through_groups = holdings.group_grants().filter(
        permission__codename=authority, group__user__is_active=True
    )
    if departments is not None:
        direct = direct.filter(content_object_id__in=departments)
        through_groups = through_groups.filter(content_object_id__in=departments)
    held: defaultdict[int, set[int]] = defaultdict(set)
    for department_id, user_id in direct.values_list("content_object_id", "user_id").union(
        through_groups.values_list("content_object_id", "group__user")
    ):
        held[department_id].add(user_id)
    return {department_id: frozenset(ids) for department_id, ids in held.items()}


@dataclass(frozen=True)
class Routed:
    """Many posts' approvers, and the world they were worked out in."""

    world: World
    approvers: dict[int, frozenset[int]]


def approvers_of_many(
    routes: Iterable[Route], *, on: date, departments: Collection[int] | None = None
) -> Routed:
    """The approvers of every route given, on the day ``on``: four queries,
    however many posts. Who has signed is read for every waiting post's
    current version, in ``departments`` when the routes are all in them (the
    reports of a few departments need not read every department's)."""
    signed: defaultdict[int | None, set[int]] = defaultdict(set)
    decisions = Decision.objects.filter(
        version__post__status=PostStatus.SUBMITTED,
        version__post__current_version=F("version"),
    )
    if departments is not None:
        decisions = decisions.filter(version__post__department__in=departments)
    for version_id, user_id in decisions.values_list("version_id", "decided_by_id"):
        signed[version_id].add(user_id)
    world = World(
        covers=_covers(on),
        holders=_holders(departments),
        sensitive=_holders(departments, Authority.APPROVE_IN_SENSITIVE_PERIODS),
    )
    return Routed(
        world=world,
        approvers={
            route.post: approvers(replace(route, signed=frozenset(signed[route.version])), world)
            for route in routes
        },
    )


def approvers_of(post: Post) -> list:
    """The active people ``post`` waits for now, by name: the world read for its step only."""
    if post.status != PostStatus.SUBMITTED:
        return []
    manager_id = None
    if post.stage == Stage.LINE_MANAGER:
        manager_id = active_line_manager(post.author_id)
        world = World(covers=_covers(timezone.localdate(), [manager_id] if manager_id else []))
    elif post.stage == Stage.DEPARTMENT:
        world = World(holders=_holders([post.department_id]))
    else:
        world = World(
            sensitive=_holders([post.department_id], Authority.APPROVE_IN_SENSITIVE_PERIODS)
        )
    signed = Decision.objects.filter(version_id=post.current_version_id).values_list(
        "decided_by_id", flat=True
    )
    waits_for = approvers(route_of(post, line_manager=manager_id, signed=signed), world)
    User = get_user_model()
    return list(User.objects.filter(pk__in=waits_for).order_by("last_name", "first_name", "pk"))


# The rule again, as a query: the same steps from one person's side.


def waiting_for(user: Person) -> QuerySet[Post]:
    """Posts waiting for ``user``'s decision (unordered, columns unchosen).

    At the line manager's step, posts by the reports of ``user`` and of the
    managers they cover; at the department's step, posts in departments where
    they hold approve-posts; at the sensitive-period step, posts in departments
    where they hold approve-in-sensitive-periods; never their own, nor a
    version they have signed.
    Filtering by lists of author and department ids, rather than by joins
    through their profiles, lets PostgreSQL read only the small partial indexes
    of waiting posts."""
    if not _active(user):
        return Post.objects.none()
    teams = holdings.teams(user)
    covered = holdings.managers_covered_by(user)
    reports = {
        author
        for manager, team in teams.items()
        if manager == user.pk or manager in covered
        for author in team
    }
    departments = holdings.departments_with(user, Authority.APPROVE_POSTS)
    sensitive = holdings.departments_with(user, Authority.APPROVE_IN_SENSITIVE_PERIODS)
    steps = Q(stage=Stage.LINE_MANAGER, author__in=reports)
    if departments:
        steps |= Q(stage=Stage.DEPARTMENT, department__in=departments)
    if sensitive:
        steps |= Q(stage=Stage.SENSITIVE, department__in=sensitive)
    return (
        Post.objects.filter(steps, status=PostStatus.SUBMITTED)
        .exclude(author_id=user.pk)
        .exclude(current_version__decisions__decided_by_id=user.pk)
    )


def signs_off_anything(user: Person) -> bool:
    """Whether ``user`` signs off at any step of any post, so that something could
    wait for them: they line-manage someone, or cover someone who does (the line
    manager's step), or hold approve-posts (the department's) or
    approve-in-sensitive-periods (the sensitive period's) somewhere: their ``world_of``
    and the teams ``waiting_for`` reads, each read once per request."""
    if not _active(user):
        return False
    world = world_of(user)
    return bool(world.covers or world.holders or world.sensitive or holdings.teams(user))
