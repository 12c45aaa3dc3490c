"""The text as the checks read it: NFKC, without invisible characters, with the way back to
the author's own characters for quoting."""

import re
import unicodedata

# Characters that draw nothing: one inside "http://" or a phone number would hide it from a
# check while a reader sees no difference.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


# A few characters read as many ("\ufdfa" as 18): those that read as more than two
# (a fraction such as "1/4", a word in a square) are read as written, which keeps what
# the checks read at most twice as long as the text.
_MOST_READ_PER_CHARACTER = 2


class Reading:
    """``text`` as the checks read it, and the way back to the author's own characters.

    The checks read the compatibility form (NFKC: full-width digits and at signs are the
    ordinary ones) without invisible characters. Each character is normalised with the
    combining marks after it, which is NFKC for all but a few rare compositions of two
    base characters, and lets each character read come from one place in the author's text.
    """

    def __init__(self, text: str):
        self.original = text
        # For each character read, where in ``original`` the characters it came from
        # start and end; None when the text reads as written.
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        if text.isascii() or (
            unicodedata.is_normalized("NFKC", text) and not INVISIBLE.search(text)
        ):
            self.text = text
            return
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        # Texts repeat their characters: each distinct one is normalised once.
        read: dict[str, str] = {}
        start = 0
        for end in range(1, len(text) + 1):
            if end < len(text) and unicodedata.combining(text[end]):
                continue
            written = text[start:end]
            piece = read.get(written)
            if piece is None:
                piece = read[written] = _read_written(written)
            pieces.append(piece)
            starts += [start] * len(piece)
            ends += [end] * len(piece)
            start = end
        self.text = "".join(pieces)
        self._starts, self._ends = starts, ends

    def quote(self, start: int, end: int) -> str:
        """The author's characters that read as ``self.text[start:end]``."""
        if self._starts is None or self._ends is None:
            return self.original[start:end]
        if start >= end:
            return ""
        return self.original[self._starts[start] : self._ends[end - 1]]

    def position(self, index: int) -> int:
        """Where in the author's text the character read at ``index`` starts."""
        if self._starts is None:
            return index
        return self._starts[index] if index < len(self._starts) else len(self.original)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", text))


def _read_written(character: str) -> str:
    """One character, with the combining marks after it, as the checks read it."""
    read = normalise(character)
    if len(read) > _MOST_READ_PER_CHARACTER * len(character):
        return INVISIBLE.sub("", character)
    return read


def folded(text: str) -> str:
    return " ".join(text.casefold().split())


def mask(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with each match blanked out, keeping every other character in place."""
    return pattern.sub(lambda match: " " * len(match[0]), text)
