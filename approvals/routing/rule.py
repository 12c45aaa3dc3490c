"""The rule of who signs off a post, with nothing read from the database: a ``Route``
says what the post is, a ``World`` who manages, covers and holds what, and ``signers``
and ``approvers`` answer from them alone, so that they are tested without a database
(``tests/approvals/test_routing_rule.py``). The steps a post takes are stated here too.
The views of the rule, which read the world, are the package's (``approvals.routing``)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from approvals.models import Department, SignOffPolicy, Stage
from approvals.posts.checks.findings import is_accessibility_finding

_NOBODY: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Route:
    """What the rule needs to know of one post."""

    post: int
    version: int | None
    waiting: bool
    stage: str
    author: int
    department: int
    # The author's line manager, None when they have none or theirs is inactive. One
    # person's view (``may_decide``) may name an inactive one: it asks only about that
    # person, who is active, so it cannot be them, nor their deputy (cover ends with them).
    line_manager: int | None
    # Who has decided the current version already (need list only the people asked about).
    signed: frozenset[int] = _NOBODY


@dataclass(frozen=True)
class World:
    """Who covers and who holds what, among active accounts only."""

    # Line manager -> the deputies covering them, by a delegation in force today.
    covers: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # Department -> the people holding approve-posts there.
    holders: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # Department -> the people holding approve-in-sensitive-periods there.
    sensitive: Mapping[int, frozenset[int]] = field(default_factory=dict)


def signers(route: Route, world: World) -> frozenset[int]:
    """Who signs the post off at its step: the line manager and their deputies,
    the department's holders of approve-posts, or, for an essential post in a
    sensitive period, its holders of approve-in-sensitive-periods; never its author."""
    if route.stage == Stage.LINE_MANAGER:
        if route.line_manager is None:
            return _NOBODY
        at_step = {route.line_manager} | world.covers.get(route.line_manager, _NOBODY)
    elif route.stage == Stage.DEPARTMENT:
        at_step = set(world.holders.get(route.department, _NOBODY))
    elif route.stage == Stage.SENSITIVE:
        at_step = set(world.sensitive.get(route.department, _NOBODY))
    else:
        return _NOBODY
    return frozenset(at_step - {route.author})


def approvers(route: Route, world: World) -> frozenset[int]:
    """Who may decide the post now: it waits, and they sign off at its step and
    have not signed this version already."""
    if not route.waiting:
        return _NOBODY
    return signers(route, world) - route.signed


# The steps a post takes: its author's line manager, when they have an active
# one, then the department, when its policy asks (or when there is no manager),
# then, for a post submitted as essential in a sensitive period, the holders of
# approve-in-sensitive-periods.


def needs_department_step(department: Department, findings) -> bool:
    """Whether the department's policy asks for its step after the line manager's. Asked
    only when the checks find something, any finding of the principles or the Civil
    Service Code sends the post on, and an accessibility finding only when the department
    says so."""
    if department.signoff_policy == SignOffPolicy.ALWAYS:
        return True
    if department.signoff_policy != SignOffPolicy.WHEN_FINDINGS:
        return False
    if department.accessibility_findings_need_second_step:
        return bool(findings)
    return not all(is_accessibility_finding(finding) for finding in findings)


def first_stage(*, has_line_manager: bool) -> str:
    return Stage.LINE_MANAGER if has_line_manager else Stage.DEPARTMENT


def stages(
    *, has_line_manager: bool, department: Department, findings, essential: bool = False
) -> list[str]:
    """Every step a post takes, in order."""
    steps = [first_stage(has_line_manager=has_line_manager)]
    while step := next_stage(
        steps[-1], department=department, findings=findings, essential=essential
    ):
        steps.append(step)
    return steps


def next_stage(stage: str, *, department: Department, findings, essential: bool) -> str | None:
    """The step after ``stage`` once it approves, or None: the post is approved."""
    if stage == Stage.LINE_MANAGER and needs_department_step(department, findings):
        return Stage.DEPARTMENT
    if stage != Stage.SENSITIVE and essential:
        return Stage.SENSITIVE
    return None
