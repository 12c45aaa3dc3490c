"""A submitted post's steps as its author follows them: which are done, by
whom and when, which one it waits at and since when, and which is to come."""

from dataclasses import dataclass
from datetime import datetime

from approvals import routing
from approvals.models import Decision, Outcome, Post, PostStatus, Stage

FOLLOWED = {PostStatus.SUBMITTED, PostStatus.APPROVED, PostStatus.PUBLISHED}


@dataclass(frozen=True)
class StepState:
    stage: str
    # "approved", "waiting" or "to come".
    state: str
    decision: Decision | None = None
    since: datetime | None = None


def steps_of(post: Post, decisions: list[Decision]) -> list[StepState]:
    """The current version's steps, from its decisions (oldest first)."""
    version = post.current_version
    if post.status not in FOLLOWED or post.pre_authorised or version is None:
        return []
    approved = {
        decision.stage: decision
        for decision in decisions
        if decision.version_id == version.pk and decision.outcome == Outcome.APPROVED
    }
    stages = []
    if Stage.LINE_MANAGER in approved or post.stage == Stage.LINE_MANAGER:
        stages.append(Stage.LINE_MANAGER)
    if (
        Stage.DEPARTMENT in approved
        or post.stage == Stage.DEPARTMENT
        or routing.needs_department_step(post.department, version.findings)
    ):
        stages.append(Stage.DEPARTMENT)
    # An essential post, in a sensitive period, takes a step of its own last.
    if post.essential or Stage.SENSITIVE in approved or post.stage == Stage.SENSITIVE:
        stages.append(Stage.SENSITIVE)
    states = []
    since = post.submitted_at
    for stage in stages:
        if stage in approved:
            states.append(StepState(stage, "approved", decision=approved[stage]))
            since = approved[stage].created_at
        elif post.status == PostStatus.SUBMITTED and post.stage == stage:
            states.append(StepState(stage, "waiting", since=since))
        else:
            states.append(StepState(stage, "to come"))
    return states
