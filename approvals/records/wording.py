"""How the register says who decided what, under which authority, and what the
checks found: the same words on the page, in the exports and on the record."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from approvals.models import Decision, DecisionAuthority, Post, Stage


def person(user) -> str:
    return user.get_full_name() or user.username


def local(moment: datetime | None) -> datetime | str:
    """London time without its offset, as a spreadsheet shows a time; "" for none."""
    return timezone.make_naive(moment) if moment else ""


@dataclass(frozen=True)
class Line:
    """One decision on the register: who, when, at which step, under which authority."""

    step: str
    outcome: str
    who: str
    authority: str
    when: datetime
    reason: str = ""


def _authority(decision: Decision) -> str:
    if not decision.authority:
        return "not recorded"
    return DecisionAuthority(decision.authority).label.lower()


def decisions(post: Post) -> list[Line]:
    """The decisions on the post's final version, oldest first; a pre-authorised
    post's is its author's, under publish without approval. Reads the decisions
    the register's selector prefetched (``decided``), else asks for them."""
    version = post.current_version
    if post.pre_authorised:
        return [
            Line(
                step="Pre-authorised",
                outcome="recorded as pre-authorised",
                who=person(post.author),
                authority="pre-authorised (publish without approval)",
                when=post.submitted_at,
            )
        ]
    found = getattr(version, "decided", None)
    if found is None:
        found = list(version.decisions.select_related("decided_by").order_by("created_at", "pk"))
    return [
        Line(
            step=Stage(decision.stage).label,
            outcome=decision.outcome_in_words,
            who=person(decision.decided_by),
            authority=_authority(decision),
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
