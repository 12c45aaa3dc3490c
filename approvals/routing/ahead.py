"""Questions asked of the rule before anything happens: who would sign a
draft off, step by step, and which waiting posts would have nobody left to
sign them off if one person stopped holding approve-posts."""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.utils import timezone

from approvals.models import Authority, Decision, Post, PostStatus, Stage
from approvals.routing import (
    ROUTE_COLUMNS,
    _covers,
    _holders,
    active_line_manager,
    route_from_row,
    route_of,
)
from approvals.routing.rule import _NOBODY, World, approvers, signers, stages


@dataclass(frozen=True)
class PlannedStep:
    stage: str
    # The people who would sign it off at this step today, by name.
    people: list
    # At the line manager's step, the manager; the others cover for them.
    line_manager: int | None = None


def steps_ahead(post: Post, *, essential: bool = False) -> list[PlannedStep]:
    """Who would sign the post off, step by step, were it submitted now as it
    stands (as essential, in a sensitive period): what an author sees before
    submitting."""
    manager = active_line_manager(post.author_id)
    steps = stages(
        has_line_manager=manager is not None,
        department=post.department,
        findings=post.findings,
        essential=essential,
    )
    world = World(
        covers=_covers(timezone.localdate(), [manager]) if manager else {},
        holders=_holders([post.department_id]) if Stage.DEPARTMENT in steps else {},
        sensitive=_holders([post.department_id], Authority.APPROVE_IN_SENSITIVE_PERIODS)
        if Stage.SENSITIVE in steps
        else {},
    )
    draft = route_of(post, line_manager=manager)
    at_step = {stage: signers(replace(draft, stage=stage), world) for stage in steps}
    by_id = (
        get_user_model()
        .objects.select_related("staff_profile")
        .in_bulk(set().union(*at_step.values()))
    )
    return [
        PlannedStep(
            stage,
            sorted(
                (by_id[pk] for pk in at_step[stage]),
                key=lambda person: (
                    person.pk != manager,
                    person.last_name,
                    person.first_name,
                    person.pk,
                ),
            ),
            manager if stage == Stage.LINE_MANAGER else None,
        )
        for stage in steps
    ]


def left_without_approver(department_id: int, holder_id: int) -> int:
    """How many posts waiting at ``department_id``'s step would have nobody to sign them
    off if ``holder_id`` stopped holding approve-posts there: the rule asked twice, with
    the department's holders as they are and without them."""
    rows = Post.objects.filter(
        status=PostStatus.SUBMITTED, stage=Stage.DEPARTMENT, department_id=department_id
    ).values(*ROUTE_COLUMNS)
    routes = [route_from_row(row) for row in rows]
    if not routes:
        return 0
    signed: defaultdict[int | None, set[int]] = defaultdict(set)
    for version_id, user_id in Decision.objects.filter(
        version_id__in=[route.version for route in routes]
    ).values_list("version_id", "decided_by_id"):
        signed[version_id].add(user_id)
    now = World(holders=_holders([department_id]))
    held = now.holders.get(department_id, _NOBODY)
    then = World(holders={department_id: held - {holder_id}})
    stranded = 0
    for route in routes:
        route = replace(route, signed=frozenset(signed[route.version]))
        if approvers(route, now) and not approvers(route, then):
            stranded += 1
    return stranded
