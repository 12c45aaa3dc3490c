"""Checks on the text of a proposed official post, before it is submitted for sign-off.

Each finding names the Civil Service principle for participation online, or the part of
the Civil Service Code, that it concerns. The checks are advisory: they point the author
and their line manager at something to look at, they do not decide.

Pure Python: no database access and no Django models, so forms, views, the admin and
background jobs can all call ``check_post`` cheaply.

Every regular expression here is written to run in linear time on hostile input: each
pattern can only start at the beginning of a token (a negative look-behind rejects a
start in the middle of a run) and uses possessive quantifiers where a backtrack could
never produce a match, so no input makes the engine retry a long run from many places.
Phone numbers are found by the ``phonenumbers`` library (Google's libphonenumber), whose
matcher bounds the length of each candidate and the number of candidates it tries.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType, ValidationResult


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
)
_PRINCIPLE_OF = {check.code: check.principle for check in CHECKS}


class Channel(StrEnum):
    """Where a post goes out, with its label and the platform's character limit.

    ``limit`` is None where there is no single limit to check against. Comments on
    another site have none: every site sets its own. X's is its standard limit; longer
    posts depend on the account's paid plan.
    """

    label: str
    limit: int | None

    def __new__(cls, value: str, label: str, limit: int | None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.limit = limit
        return member

    X = "x", "X (formerly Twitter)", 280
    LINKEDIN = "linkedin", "LinkedIn", 3000
    FACEBOOK = "facebook", "Facebook", 63206
    INSTAGRAM = "instagram", "Instagram", 2200
    YOUTUBE = "youtube", "YouTube (video description)", 5000
    BLOG = "blog", "Blog post", None
    COMMENT = "comment", "Comment on another site", None
    OTHER = "other", "Other", None

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, for a model or form field's ``choices``."""
        return [(member.value, member.label) for member in cls]


@dataclass(frozen=True)
class Finding:
    code: str
    principle: str
    message: str
    excerpt: str = ""


def check_post(
    *,
    text: str,
    channel: str,
    link: str = "",
    department_names: Sequence[str] = (),
    account: str = "",
    official_accounts: Sequence[str] = (),
) -> list[Finding]:
    """Check a proposed post and return its findings, in a stable order.

    ``department_names`` are the names that disclose the author's position: their
    department, its agency or parent department, and common abbreviations ("HMRC"); the
    first is the one the finding suggests naming.
    ``account`` is the name or handle the post goes out on; a post on the department's
    own account discloses the department by itself. An account counts as the
    department's own when it is named like one of ``department_names`` ("@cabinetofficeuk"
    for "Cabinet Office") or is one of ``official_accounts``.

    ``link`` is the post's separate link field; it is checked for http:// but not counted
    towards the channel's length limit.

    Raises ValueError for a channel that is not one of ``Channel``.
    """
    channel = Channel(channel)
    # Links are masked so that the digits and words inside them are not mistaken for
    # phone numbers, postcodes or addresses; email addresses likewise for phone numbers.
    without_links = _mask(text, _URL)
    without_emails = _mask(without_links, _EMAIL)
    return [
        *_phone_numbers(without_emails),
        *_email_addresses(without_links),
        *_postcodes(without_emails),
        *_street_addresses(without_emails),
        *_disclosure(text, department_names, account, official_accounts),
        *_commitments(text),
        *_length(text, channel),
        *_insecure_links(text, link),
    ]


def post_length(text: str, channel: str) -> int:
    """The length of ``text`` as the channel counts it against its limit.

    X weighs characters as its own counter does (twitter-text configuration v3): after
    NFC normalisation, each link counts as 23, each emoji (however many code points make
    it up) as 2, Latin, Greek, Cyrillic and similar scripts and common punctuation as 1,
    and everything else (for example Chinese, Japanese and Korean) as 2. Other channels
    count code points after NFC normalisation, never UTF-16 units or bytes.
    """
    normalised = unicodedata.normalize("NFC", text)
    if Channel(channel) is not Channel.X:
        return len(normalised)
    total = 0
    position = 0
    for start, end in _link_spans(_URL, normalised):
        total += _x_weight(normalised[position:start]) + _X_LINK_LENGTH
        position = end
    return total + _x_weight(normalised[position:])


# --- Personal details ---------------------------------------------------------------------

_NEVER_GIVE_OUT = "Never give out personal details like home addresses and phone numbers."

# Numbers an organisation publishes for the public to call (freephone, premium and shared
# rate, 03 "UK-wide" numbers) are not personal details; helplines are common in official
# posts. Geographic, mobile, personal (070), pager and VoIP numbers are flagged, as is any
# number the library cannot classify (such as Ofcom's ranges reserved for drama).
_SERVICE_NUMBER_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
# UK numbers have 9 or 10 digits after the leading 0 (0800 1111 aside); the shorter
# digit runs the matcher would accept as local numbers are dates, times and references.
_UK_MIN_NATIONAL_DIGITS = 9


def _phone_numbers(text: str) -> list[Finding]:
    found: dict[str, str] = {}
    for match in PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE):
        number = match.number
        # Only the +44, 0044 and 0 forms: a bare run of digits is a sum, a year or a
        # reference far more often than a phone number written without its 0.
        if match.raw_string.lstrip("(")[:1] not in ("+", "0"):
            continue
        if phonenumbers.is_possible_number_with_reason(number) != ValidationResult.IS_POSSIBLE:
            continue
        if (
            number.country_code == 44
            and len(phonenumbers.national_significant_number(number)) < _UK_MIN_NATIONAL_DIGITS
        ):
            continue
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) in _SERVICE_NUMBER_TYPES
        ):
            continue
        key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        found.setdefault(key, match.raw_string)
    return [
        _finding(
            Code.PHONE_NUMBER,
            f"The post contains what looks like a phone number ({excerpt}). {_NEVER_GIVE_OUT}",
            excerpt,
        )
        for excerpt in found.values()
    ]


_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++")


def _email_addresses(text: str) -> list[Finding]:
    return [
        _finding(
            Code.EMAIL_ADDRESS,
            f"The post contains an email address ({excerpt}). Never give out personal "
            "details: if this is a personal address, use a team or organisation mailbox "
            "instead.",
            excerpt,
        )
        for excerpt in _distinct(
            _matches(_EMAIL, text, accept=_has_top_level_domain), key=str.casefold
        )
    ]


def _has_top_level_domain(address: str) -> bool:
    top_level = address.rpartition(".")[2]
    return len(top_level) >= 2 and top_level.isalpha()


# The Royal Mail format: the letters allowed in each position are restricted, which keeps
# ordinary codes such as "HC 1234" or "A1 road" out.
_POSTCODE = re.compile(
    r"""
    (?<![A-Za-z0-9])
    (?:
        (?:
            [A-PR-UWYZ][0-9][0-9]?
          | [A-PR-UWYZ][A-HK-Y][0-9][0-9]?
          | [A-PR-UWYZ][0-9][A-HJKPSTUW]
          | [A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]
        )
        [ \t\u00a0]?
        [0-9][ABD-HJLNP-UW-Z]{2}
      | GIR[ \t\u00a0]?0AA
    )
    (?![A-Za-z0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Typed in lower case, "H1 2nd" or "F1 1st" is a half-year or a race and an ordinal.
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _is_postcode(candidate: str) -> bool:
    return candidate[-2:] not in _ORDINAL_SUFFIXES


def _postcodes(text: str) -> list[Finding]:
    return [
        _finding(
            Code.POSTCODE,
            f"The post contains what looks like a postcode ({excerpt}). {_NEVER_GIVE_OUT}",
            excerpt,
        )
        for excerpt in _distinct(
            _matches(_POSTCODE, text, accept=_is_postcode),
            key=lambda postcode: re.sub(r"\s", "", postcode).upper(),
        )
    ]


_STREET_TYPES = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Place|Gardens|Crescent|Terrace|"
    "Grove|Court|Square|Row|Mews|Hill|Walk|Park|Rise|Parade|Gate|Wharf|Embankment|Yard|Green"
)
# A house number (with a letter or a range: "221b", "10-12"), one to three capitalised
# words, then the street type. House numbers have at most three digits, which keeps years
# out ("2012 Olympic Park"); a number after a currency sign or inside a figure is skipped.
_STREET_ADDRESS = re.compile(
    rf"""
    (?<![\w£$€.,/:\-])
    \d{{1,3}}[A-Za-z]?(?:[-\u2013]\d{{1,3}}[A-Za-z]?)?
    ,?[ \t]++
    (?P<name>(?:[A-Z][\w'\u2019.-]*+[ \t]++){{1,3}})
    (?i:{_STREET_TYPES})
    (?!\w)
    """,
    re.VERBOSE,
)
# Capitalised headline words that would otherwise read as a street name:
# "5 Steps To Drive Growth", "3 Ways We Walk".
_NOT_STREET_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "at",
        "by",
        "for",
        "from",
        "how",
        "in",
        "is",
        "of",
        "on",
        "or",
        "our",
        "to",
        "we",
        "what",
        "why",
        "will",
        "with",
        "you",
        "your",
        "days",
        "hours",
        "minutes",
        "months",
        "weeks",
        "years",
        "ways",
        "steps",
        "tips",
        "things",
        "reasons",
        "people",
        "million",
        "billion",
    ]
)


def _is_street_address(match: re.Match[str]) -> bool:
    return not any(word.casefold() in _NOT_STREET_WORDS for word in match["name"].split())


def _street_addresses(text: str) -> list[Finding]:
    candidates = (match[0] for match in _STREET_ADDRESS.finditer(text) if _is_street_address(match))
    return [
        _finding(
            Code.STREET_ADDRESS,
            f"The post contains what looks like a street address ({excerpt}). {_NEVER_GIVE_OUT}",
            excerpt,
        )
        for excerpt in _distinct(candidates, key=_folded)
    ]


# --- Disclosure of position ---------------------------------------------------------------

_MENTION = re.compile(r"(?<![\w@#])[@#](\w++)")


def _disclosure(
    text: str,
    department_names: Sequence[str],
    account: str,
    official_accounts: Sequence[str],
) -> list[Finding]:
    names = [name.strip() for name in department_names if _squash(name)]
    if not names:
        # Without the author's department there is nothing to check the text against.
        return []
    name_keys = {_squash(name) for name in names}
    if _account_variants(account) & (name_keys | {_squash(a) for a in official_accounts}):
        return []
    words = f" {_words(text)} "
    if any(f" {_words(name)} " in words for name in names):
        return []
    if any(_account_variants(mention) & name_keys for mention in _MENTION.findall(text)):
        return []
    return [
        _finding(
            Code.NO_DISCLOSURE,
            "The post does not say which department or agency you represent. Wherever "
            "possible, disclose your position as a representative of your department or "
            f"agency, for example by mentioning {names[0]}.",
        )
    ]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("&", " and ")))


def _squash(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.casefold().replace("&", "and")))


def _account_variants(handle: str) -> set[str]:
    """The handle, and the handle less the affixes departments add ("@ukhomeoffice")."""
    core = _squash(handle)
    stems = {core, *(core.removesuffix(s) for s in ("govuk", "uk", "gov") if core.endswith(s))}
    stems |= {stem.removeprefix("uk") for stem in stems}
    stems.discard("")
    return stems


# --- Commitments --------------------------------------------------------------------------

_APOSTROPHE = "'\u2019"
_COMMITMENT = re.compile(
    rf"""
    (?<![\w{_APOSTROPHE}])
    (?:
        (?:we|(?:(?:the|this|our|uk|hm|his\s++majesty[{_APOSTROPHE}]s)\s++)?government)
        (?:
            \s++(?:will|shall|won[{_APOSTROPHE}]t|shan[{_APOSTROPHE}]t
                  |promises?|guarantees?|pledges?|vows?
                  |commits?\s++to|undertakes?\s++to|(?:is|are)\s++committed\s++to)
          | [{_APOSTROPHE}](?:ll|re\s++committed\s++to)
        )
      | i\s++(?:promise|guarantee|pledge|vow|commit\s++to|undertake\s++to|am\s++committed\s++to)
      | guaranteed
    )
    (?![\w{_APOSTROPHE}])
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _commitments(text: str) -> list[Finding]:
    return [
        _finding(
            Code.COMMITMENT,
            f'The post contains language that commits the Government ("{excerpt}"). Do not '
            "make commitments on behalf of Government unless you are authorised to do so. "
            "If you have any doubts, ask your line manager.",
            excerpt,
        )
        for excerpt in _distinct(
            _matches(_COMMITMENT, text),
            key=lambda phrase: _folded(phrase).replace("\u2019", "'"),
        )
    ]


# --- Length -------------------------------------------------------------------------------

_X_LINK_LENGTH = 23

# Links as X recognises them: with a scheme, or a bare domain on a common top-level
# domain ("gov.uk/guidance"), which X shortens all the same. X knows every top-level
# domain; these are the ones official posts use.
_URL = re.compile(
    r"""
    (?<![\w@.\-/])
    (?:
        https?://[^\s<>"]++
      | (?:[a-z0-9-]++\.)+
        (?:uk|com|org|net|gov|int|eu|io|info|co|scot|wales|cymru|ie|blog|news|app|dev)
        (?![a-z0-9@-])
        (?:/[^\s<>"]*+)?
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Trailing punctuation ends the sentence, not the link.
_URL_TRAILING = ".,;:!?)]}'\"\u2019\u201d"

# twitter-text v3: code points in these ranges weigh 1, all others 2.
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_ZWJ = 0x200D


def _x_weight(text: str) -> int:
    weight = 0
    index = 0
    while index < len(text):
        end = _emoji_end(text, index)
        if end > index:
            weight += 2
            index = end
            continue
        code_point = ord(text[index])
        weight += 1 if any(lo <= code_point <= hi for lo, hi in _X_LIGHT_RANGES) else 2
        index += 1
    return weight


def _is_pictograph(code_point: int) -> bool:
    return (
        0x1F000 <= code_point <= 0x1FAFF
        or 0x2600 <= code_point <= 0x27BF
        or 0x2300 <= code_point <= 0x23FF
        or 0x2B00 <= code_point <= 0x2BFF
    )


def _is_emoji_modifier(code_point: int) -> bool:
    return (
        code_point in (0xFE0E, 0xFE0F, 0x20E3)
        or 0x1F3FB <= code_point <= 0x1F3FF
        or 0xE0020 <= code_point <= 0xE007F
    )


def _is_regional_indicator(code_point: int) -> bool:
    return 0x1F1E6 <= code_point <= 0x1F1FF


def _emoji_end(text: str, start: int) -> int:
    """The end of the emoji sequence that starts at ``start``, or ``start`` if none does.

    X counts a whole sequence (flag, skin tone, keycap, ZWJ family) as one emoji of
    weight 2, rather than each of its code points.
    """
    length = len(text)
    first = ord(text[start])
    if (
        _is_regional_indicator(first)
        and start + 1 < length
        and _is_regional_indicator(ord(text[start + 1]))
    ):
        return start + 2
    followed_by_modifier = start + 1 < length and _is_emoji_modifier(ord(text[start + 1]))
    if not (_is_pictograph(first) or followed_by_modifier):
        return start
    index = start + 1
    while index < length:
        code_point = ord(text[index])
        if _is_emoji_modifier(code_point):
            index += 1
        elif code_point == _ZWJ and index + 1 < length:
            index += 2
        else:
            break
    return index


def _length(text: str, channel: Channel) -> list[Finding]:
    if channel.limit is None:
        return []
    length = post_length(text, channel)
    if length <= channel.limit:
        return []
    counting = ", counting each link as 23 characters" if channel is Channel.X else ""
    return [
        _finding(
            Code.TOO_LONG,
            f"The post is {length:,} characters long. {channel.label} allows up to "
            f"{channel.limit:,} characters{counting}. Remove at least "
            f"{length - channel.limit:,} characters so that the post is not cut short.",
        )
    ]


# --- Links --------------------------------------------------------------------------------

_INSECURE_URL = re.compile(r"(?<!\w)http://[^\s<>\"]++", re.IGNORECASE)


def _insecure_links(text: str, link: str) -> list[Finding]:
    candidates = [
        source[start:end]
        for source in (text, link.strip())
        for start, end in _link_spans(_INSECURE_URL, source)
    ]
    return [
        _finding(
            Code.INSECURE_LINK,
            f"The link {excerpt} is not secure. Use a link that starts with https:// so that "
            "readers get the page you meant to share.",
            excerpt,
        )
        for excerpt in _distinct(candidates, key=str)
    ]


# --- Helpers ------------------------------------------------------------------------------


def _finding(code: Code, message: str, excerpt: str = "") -> Finding:
    return Finding(code=code, principle=_PRINCIPLE_OF[code], message=message, excerpt=excerpt)


def _matches(
    pattern: re.Pattern[str], text: str, accept: Callable[[str], bool] = lambda _: True
) -> Iterator[str]:
    for match in pattern.finditer(text):
        if accept(match[0]):
            yield match[0]


def _link_spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Where each link matched by ``pattern`` starts and ends, less trailing punctuation."""
    for match in pattern.finditer(text):
        yield match.start(), match.start() + len(match[0].rstrip(_URL_TRAILING))


def _distinct(excerpts: Iterable[str], key: Callable[[str], str]) -> list[str]:
    """The first spelling of each distinct match, in order of appearance."""
    seen: dict[str, str] = {}
    for excerpt in excerpts:
        seen.setdefault(key(excerpt), excerpt)
    return list(seen.values())


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with each match blanked out, keeping every other character in place."""
    return pattern.sub(lambda match: " " * len(match[0]), text)
