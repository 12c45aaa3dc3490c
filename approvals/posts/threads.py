"""A post as a thread: its parts in order, the checks on each part, what changed part by
part, and how each part will look on the channel.

A post's first part is its ``text`` and the rest are its ``further_parts``; a post that
is not a thread has one part. The link field goes out with the first part. Which
channels take threads, how many parts and how each is counted is
``approvals.posts.channels``'. Pure Python: no database."""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from approvals.posts.channels import MOST_PARTS, Channel
from approvals.posts.checks import check_post
from approvals.posts.checks.disclosure import position_not_disclosed
from approvals.posts.checks.findings import Finding
from approvals.posts.checks.reading import Reading, normalise
from approvals.posts.diffs import Piece, word_diff
from approvals.posts.preview import Preview, preview


class Written(Protocol):
    """A post or one of its versions: what the author wrote, where."""

    text: str
    further_parts: list[str]
    channel: str
    account: str
    link: str


def parts_of(item: Written) -> list[str]:
    return [item.text, *item.further_parts]


def channels_taking_threads() -> str:
    """The channels that take threads, in words: "X, Threads or Bluesky"."""
    names = [channel.label.split(" (")[0] for channel in Channel if channel.takes_threads]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def refusal(channel: str, parts: int) -> str | None:
    """Why the channel cannot take this many parts, or None when it can."""
    channel = Channel(channel)
    if parts > 1 and not channel.takes_threads:
        return (
            f"{channel.label} does not take threads: put everything in the first part and "
            f"remove the others, or choose {channels_taking_threads()}"
        )
    if parts > MOST_PARTS:
        return f"A thread can have at most {MOST_PARTS} parts"
    return None


# --- Checks -----------------------------------------------------------------------------


def check_thread(
    *,
    parts: Sequence[str],
    channel: str,
    link: str = "",
    department_names: Sequence[str] = (),
    account: str = "",
) -> list[Finding]:
    """The checks' findings on every part, each saying which part it is about ("Part 3:
    ..."). Whether the author's department is disclosed is asked of the thread as a whole,
    once: readers meet the parts together. The link field is checked with the first part,
    which it goes out with."""
    if len(parts) == 1:
        return check_post(
            text=parts[0],
            channel=channel,
            link=link,
            department_names=department_names,
            account=account,
        )
    whole = Reading("\n".join(parts))
    findings = position_not_disclosed(
        whole.text,
        [normalise(name) for name in department_names],
        normalise(account),
        [],
    )
    for number, text in enumerate(parts, start=1):
        findings += [
            replace(finding, message=f"Part {number}: {finding.message}")
            for finding in check_post(text=text, channel=channel, link=link if number == 1 else "")
        ]
    return findings


# --- What changed -----------------------------------------------------------------------


@dataclass(frozen=True)
class PartChange:
    """One part of the thread as it is now, or as it was if it has been removed."""

    # Its number now, or for a removed part its number before.
    number: int
    # "same", "changed", "added" or "removed".
    kind: str
    pieces: list[Piece]


def thread_diff(before: Sequence[str], after: Sequence[str]) -> list[PartChange]:
    """What changed part by part. Parts are matched by their text first, so that a part
    added or removed in the middle shows as that, not as every later part changed; the
    parts left between two matches are compared word by word in order."""
    changes: list[PartChange] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            changes += [PartChange(b + 1, "same", [Piece("same", after[b])]) for b in range(b1, b2)]
            continue
        paired = min(a2 - a1, b2 - b1)
        changes += [
            PartChange(b1 + i + 1, "changed", word_diff(before[a1 + i], after[b1 + i]))
            for i in range(paired)
        ]
        changes += [
            PartChange(a + 1, "removed", [Piece("removed", before[a])])
            for a in range(a1 + paired, a2)
        ]
        changes += [
            PartChange(b + 1, "added", [Piece("added", after[b])]) for b in range(b1 + paired, b2)
        ]
    return changes


# --- Preview ----------------------------------------------------------------------------


def preview_thread(item: Written) -> list[Preview]:
    """Each part as the channel will show it, in order; the link goes with the first."""
    return [
        preview(
            text=text,
            channel=item.channel,
            account=item.account,
            link=item.link if number == 0 else "",
        )
        for number, text in enumerate(parts_of(item))
    ]
