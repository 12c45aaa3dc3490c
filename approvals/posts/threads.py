"""A post as a thread: its parts in order, the checks on each part, what changed part by
part, and how each part will look on the channel.

A post's first part is its ``text`` and the rest are its ``further_parts``; a post that
is not a thread has one part. The link field goes out with the first part. Which
channels take threads, how many parts and how each is counted is
``approvals.posts.channels``'. Pure Python: no database."""

import difflib
import re
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
    parts left between two matches are paired, in order, with the most like them, and
    those like none (``_ALIKE``) show as removed and added."""
    changes: list[PartChange] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            changes += [PartChange(b + 1, "same", [Piece("same", after[b])]) for b in range(b1, b2)]
            continue
        for a, b in _paired(before[a1:a2], after[b1:b2]):
            if a is not None and b is not None:
                changes.append(
                    PartChange(b1 + b + 1, "changed", word_diff(before[a1 + a], after[b1 + b]))
                )
            elif b is not None:
                changes.append(PartChange(b1 + b + 1, "added", [Piece("added", after[b1 + b])]))
            elif a is not None:
                changes.append(
                    PartChange(a1 + a + 1, "removed", [Piece("removed", before[a1 + a])])
                )
    return changes


# How alike two parts' words must be (the share of their distinct words they have in
# common) to show one as the other changed rather than one removed and one added.
_ALIKE = 0.3
_WORD = re.compile(r"\w+")


def _alike(old: str, new: str) -> float:
    a, b = set(_WORD.findall(old.casefold())), set(_WORD.findall(new.casefold()))
    return len(a & b) / len(a | b) if a | b else 1.0


def _paired(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Old and new parts paired in order so that the pairs are as alike as can be (an
    alignment by dynamic programming over at most ``MOST_PARTS`` parts a side); an old part
    paired with None was removed, None paired with a new part was added."""
    alike = [[_alike(a, b) for b in new] for a in old]

    def pairs_with(i: int, j: int) -> float | None:
        return alike[i][j] if alike[i][j] >= _ALIKE else None

    # best[i][j]: the most alike old[:i] and new[:j] can be paired.
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            score = pairs_with(i - 1, j - 1)
            paired = -1.0 if score is None else best[i - 1][j - 1] + score
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    pairs: list[tuple[int | None, int | None]] = []
    i, j = len(old), len(new)
    while i or j:
        score = pairs_with(i - 1, j - 1) if i and j else None
        if score is not None and best[i][j] == best[i - 1][j - 1] + score:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and (not j or best[i][j] == best[i - 1][j]):
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


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
