"""What changed between two versions of a post's text, word by word."""

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added" or "removed"
    text: str


def word_diff(before: str, after: str) -> list[Piece]:
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(old[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            pieces.append(Piece("removed", "".join(old[a1:a2])))
        if op in {"insert", "replace"}:
            pieces.append(Piece("added", "".join(new[b1:b2])))
    return pieces
