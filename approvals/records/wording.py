"""How the register says who decided what, under which authority, and what the
checks found: the same words on the page, in the exports and on the record."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from approvals.models import DecisionAuthority, Outcome, Post, Stage
from approvals.models.posts import OUTCOME_IN_WORDS


def person(user) -> str:
    return user.get_full_name() or user.username


def local(moment: datetime | None) -> datetime | str:
    """London time without its offset, to the second, as a spreadsheet shows a
    time ("2026-08-17 11:24:23", not "...11:24:23.804058"); "" for none."""
    return timezone.make_naive(moment).replace(microsecond=0) if moment else ""


@dataclass(frozen=True)
class Line:
    """One decision on the register: who, when, at which step, under which authority."""

    step: str
    outcome: str
    who: str
    authority: str
    when: datetime
    reason: str = ""


def _authority(authority: str) -> str:
    return DecisionAuthority(authority).label.lower() if authority else "not recorded"


def person_named(first_name: str, last_name: str, username: str) -> str:
    """``person()`` from the columns alone, for rows read without their models."""
    return f"{first_name} {last_name}".strip() or username


def pre_authorised(author: str, when: datetime) -> Line:
    """A pre-authorised post's one "decision": its author's, under publish without approval."""
    return Line(
        step="Pre-authorised",
        outcome="recorded as pre-authorised",
        who=author,
        authority="pre-authorised (publish without approval)",
        when=when,
    )


def line(*, stage: str, authority: str, outcome: str, who: str, when, reason: str) -> Line:
    return Line(
        step=Stage(stage).label,
        outcome=OUTCOME_IN_WORDS[Outcome(outcome)],
        who=who,
        authority=_authority(authority),
        when=when,
        reason=reason,
    )


def decisions(post: Post) -> list[Line]:
    """The decisions on the post's final version, oldest first. Reads the
    decisions the register's page prefetched (``decided``), else asks for them."""
    if post.pre_authorised:
        return [pre_authorised(person(post.author), post.submitted_at)]
    version = post.current_version
    found = getattr(version, "decided", None)
    if found is None:
        found = list(version.decisions.select_related("decided_by").order_by("created_at", "pk"))
    return [
        line(
            stage=decision.stage,
            authority=decision.authority,
            outcome=decision.outcome,
            who=person(decision.decided_by),
            when=decision.created_at,
            reason=decision.reason,
        )
        for decision in found
    ]


def decision_line(line: Line) -> str:
    when = f"{timezone.localtime(line.when):%-d %b %Y %H:%M}" if line.when else ""
    said = f": {line.reason}" if line.reason else ""
    return f"{line.step}: {line.outcome} by {line.who} ({line.authority}), {when}{said}"


def finding_line(finding: dict) -> str:
    return f"{finding.get('principle', '')}: {finding.get('message', '')}"
