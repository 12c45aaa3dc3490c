"""What a finding is, which principle each check serves, and how findings quote the text."""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from approvals.posts.checks.reading import INVISIBLE, Reading


class Principle(StrEnum):
    """The passage of the guidance a finding concerns, as shown to authors."""

    PERSONAL_DETAILS = "Civil Service Code: never give out personal details"
    DISCLOSE_POSITION = (
        "Be a civil servant: disclose your position as a representative of your department "
        "or agency"
    )
    NO_COMMITMENTS = (
        "Civil Service Code: make no commitments on behalf of Government unless authorised"
    )
    BE_CREDIBLE = "Be credible: be accurate, fair, thorough and transparent"
    ACCESSIBLE = "Government Communication Service: accessible social media"


class Code(StrEnum):
    """Stable machine keys of findings."""

    PHONE_NUMBER = "phone-number"
    EMAIL_ADDRESS = "email-address"
    POSTCODE = "postcode"
    STREET_ADDRESS = "street-address"
    NO_DISCLOSURE = "no-disclosure"
    COMMITMENT = "commitment"
    TOO_LONG = "too-long"
    INSECURE_LINK = "insecure-link"
    HASHTAG_CASE = "hashtag-case"
    TOO_MANY_HASHTAGS = "too-many-hashtags"
    HASHTAG_PLACEMENT = "hashtag-placement"
    TOO_MANY_LINKS = "too-many-links"
    TOO_MANY_EMOJI = "too-many-emoji"
    EMOJI_FOR_WORDS = "emoji-for-words"
    LONG_SENTENCE = "long-sentence"
    CAPITALS = "capitals"
    TOO_MANY_IMAGES = "too-many-images"
    NO_ALT_TEXT = "no-alt-text"
    ALT_TEXT_TOO_LONG = "alt-text-too-long"
    ALT_TEXT_FILE_NAME = "alt-text-file-name"
    ALT_TEXT_IMAGE_OF = "alt-text-image-of"
    ALT_TEXT_REPEATS_TEXT = "alt-text-repeats-text"


@dataclass(frozen=True)
class Check:
    """One entry of the legend: what a check looks for and the principle behind it."""

    code: Code
    name: str
    principle: Principle


# Findings come out in this order, then in order of first appearance in the text. A post
# the platform cuts short, or a link that can be altered on its way to the reader, no longer
# says accurately what was signed off: hence "be credible".
CHECKS: tuple[Check, ...] = (
    Check(Code.PHONE_NUMBER, "Phone number", Principle.PERSONAL_DETAILS),
    Check(Code.EMAIL_ADDRESS, "Email address", Principle.PERSONAL_DETAILS),
    Check(Code.POSTCODE, "Postcode", Principle.PERSONAL_DETAILS),
    Check(Code.STREET_ADDRESS, "Street address", Principle.PERSONAL_DETAILS),
    Check(Code.NO_DISCLOSURE, "Department or agency not disclosed", Principle.DISCLOSE_POSITION),
    Check(Code.COMMITMENT, "Commitment on behalf of Government", Principle.NO_COMMITMENTS),
    Check(Code.TOO_LONG, "Too long for the channel", Principle.BE_CREDIBLE),
    Check(Code.INSECURE_LINK, "Link that is not secure", Principle.BE_CREDIBLE),
    Check(Code.HASHTAG_CASE, "Hashtag not in camel case", Principle.ACCESSIBLE),
    Check(Code.TOO_MANY_HASHTAGS, "More than two hashtags", Principle.ACCESSIBLE),
    Check(Code.HASHTAG_PLACEMENT, "Hashtag before the end of the post", Principle.ACCESSIBLE),
    Check(Code.TOO_MANY_LINKS, "More than one link", Principle.ACCESSIBLE),
    Check(Code.TOO_MANY_EMOJI, "More than three emoji", Principle.ACCESSIBLE),
    Check(Code.EMOJI_FOR_WORDS, "Emoji in place of words", Principle.ACCESSIBLE),
    Check(Code.LONG_SENTENCE, "Sentence longer than 25 words", Principle.ACCESSIBLE),
    Check(Code.CAPITALS, "Text in capitals", Principle.ACCESSIBLE),
    Check(Code.TOO_MANY_IMAGES, "More images than the channel takes", Principle.BE_CREDIBLE),
    Check(Code.NO_ALT_TEXT, "Image without alt text", Principle.ACCESSIBLE),
    Check(Code.ALT_TEXT_TOO_LONG, "Alt text too long for the channel", Principle.ACCESSIBLE),
    Check(Code.ALT_TEXT_FILE_NAME, "Alt text that is a file name", Principle.ACCESSIBLE),
    Check(Code.ALT_TEXT_IMAGE_OF, 'Alt text starting "image of"', Principle.ACCESSIBLE),
    Check(Code.ALT_TEXT_REPEATS_TEXT, "Alt text repeating the post", Principle.ACCESSIBLE),
)


_PRINCIPLE_OF = {check.code: check.principle for check in CHECKS}


# The findings each department decides for itself whether to send to its second step
# (``Department.accessibility_findings_need_second_step``).
ACCESSIBILITY_CODES = frozenset(
    check.code for check in CHECKS if check.principle is Principle.ACCESSIBLE
)


def is_accessibility_finding(finding: "Finding | dict") -> bool:
    """Whether a finding, or a finding as a version keeps it, is one of the accessibility
    checks'."""
    code = finding["code"] if isinstance(finding, dict) else finding.code
    return code in ACCESSIBILITY_CODES


@dataclass(frozen=True)
class Finding:
    code: str
    principle: str
    message: str
    excerpt: str = ""


# Five hundred phone numbers would make a page of findings nobody reads, in every page
# that shows them: each check quotes this many and says when there are more.
MOST_QUOTED = 10


def make_finding(code: Code, message: str, excerpt: str = "") -> Finding:
    if INVISIBLE.search(excerpt):
        message += (
            " The text quoted has characters in it that cannot be seen, such as zero-width "
            "spaces: retype it."
        )
    return Finding(code=code, principle=_PRINCIPLE_OF[code], message=message, excerpt=excerpt)


def more_than_listed(code: Code, things: str) -> Finding:
    return make_finding(
        code, f"The post contains more {things} than are listed here. Find them all."
    )


def quoting(
    code: Code,
    things: str,
    message: Callable[[str], str],
    candidates: Iterable[tuple[str, str]],
    key: Callable[[str], str],
) -> list[Finding]:
    """A finding quoting each distinct candidate, in order of first appearance.

    ``candidates`` are pairs of a match as read and the author's text it came from; two
    are the same when their ``key`` is, and the first spelling is quoted. At most
    ``MOST_QUOTED`` are, and a last finding says when there are more.
    """
    seen: dict[str, str] = {}
    more = False
    for read, excerpt in candidates:
        name = key(read)
        if name in seen:
            continue
        if len(seen) == MOST_QUOTED:
            more = True
            break
        seen[name] = excerpt
    findings = [make_finding(code, message(excerpt), excerpt) for excerpt in seen.values()]
    return [*findings, more_than_listed(code, things)] if more else findings


def matches(
    pattern: re.Pattern[str],
    text: str,
    reading: Reading,
    accept: Callable[[re.Match[str]], bool] = lambda _: True,
) -> Iterator[tuple[str, str]]:
    """Each match ``accept`` allows, as read and as the author wrote it."""
    for match in pattern.finditer(text):
        if accept(match):
            yield match[0], reading.quote(*match.span())
