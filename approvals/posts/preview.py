"""How a post will look on its channel, drawn on the server: the account, the
text with its links, hashtags and mentions as the channel marks them, and
where the channel folds a long text behind "… more". Nothing is asked of the
channel itself.

Where each channel folds is what it shows of a post before its "more" link
in a feed, in characters: a guide for the approver, not a promise, as the
platforms change it and fold at a word or line where they can.
"""

import re
import unicodedata
from dataclasses import dataclass

from approvals.posts.channels import URL, Channel, link_spans

# Characters shown before the fold, and the words of the channel's "more" link.
FOLDS: dict[Channel, tuple[int, str]] = {
    Channel.LINKEDIN: (210, "…see more"),
    Channel.FACEBOOK: (477, "… See more"),
    Channel.INSTAGRAM: (125, "… more"),
    Channel.YOUTUBE: (100, "...more"),
    # About four lines of a post in the feed, then "Read more".
    Channel.YOUTUBE_COMMUNITY: (288, "… Read more"),
}
# X shows a link without its scheme, cut to this many characters and an ellipsis.
X_LINK_SHOWN = 26

_TAG_OR_MENTION = re.compile(r"(?<![\w&#@])[#@]\w++")


@dataclass(frozen=True)
class Piece:
    # "text", "link", "hashtag" or "mention".
    kind: str
    text: str


@dataclass(frozen=True)
class Preview:
    channel: Channel
    account: str
    shown: list[Piece]
    # What the channel hides behind its "more" link, and the link's words.
    folded: list[Piece]
    more: str


def preview(*, text: str, channel: str, account: str, link: str = "") -> Preview:
    channel = Channel(channel)
    text = unicodedata.normalize("NFC", text)
    if link and link not in text:
        text = f"{text}\n{link}"
    pieces = _pieces(text, channel)
    fold = FOLDS.get(channel)
    if fold is None:
        return Preview(channel, account, pieces, [], "")
    shown, folded = _fold(pieces, fold[0])
    return Preview(channel, account, shown, folded, fold[1] if folded else "")


def _pieces(text: str, channel: Channel) -> list[Piece]:
    marks = [(start, end, "link") for start, end in link_spans(URL, text)]
    for match in _TAG_OR_MENTION.finditer(text):
        if not any(start <= match.start() < end for start, end, _ in marks):
            kind = "hashtag" if match[0][0] == "#" else "mention"
            marks.append((match.start(), match.end(), kind))
    pieces = []
    position = 0
    for start, end, kind in sorted(marks):
        if start > position:
            pieces.append(Piece("text", text[position:start]))
        written = text[start:end]
        if kind == "link":
            pieces.append(Piece("link", _shown_link(written, channel)))
        else:
            pieces.append(Piece(kind, written))
        position = end
    if position < len(text):
        pieces.append(Piece("text", text[position:]))
    return pieces


def _shown_link(written: str, channel: Channel) -> str:
    if channel is not Channel.X:
        return written
    bare = re.sub(r"^https?://(www\.)?", "", written, flags=re.IGNORECASE)
    return bare if len(bare) <= X_LINK_SHOWN else bare[:X_LINK_SHOWN] + "…"


def _fold(pieces: list[Piece], at: int) -> tuple[list[Piece], list[Piece]]:
    """The pieces before the fold and after it; a piece the fold falls in is cut
    there, at a space where there is one, and never in the middle of a link."""
    shown: list[Piece] = []
    count = 0
    for index, piece in enumerate(pieces):
        if count + len(piece.text) <= at:
            shown.append(piece)
            count += len(piece.text)
            continue
        rest = pieces[index + 1 :]
        if piece.kind != "text":
            return shown, [piece, *rest]
        cut = piece.text.rfind(" ", 0, at - count + 1)
        cut = at - count if cut <= 0 else cut
        before, after = piece.text[:cut], piece.text[cut:]
        if before:
            shown.append(Piece("text", before))
        return shown, [Piece("text", after), *rest]
    return shown, []
