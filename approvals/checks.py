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
matcher bounds the length of each candidate but not their number: it is given at most
``_PHONE_DIGIT_GROUPS`` groups of digits, and the check says when it stopped short.

The checks read the text as ``_Reading`` gives it: NFKC, without invisible characters, so
that full-width digits and at signs or a zero-width space inside "http://" hide nothing
from them. Findings quote the author's own characters. Each check quotes at most
``_MOST_QUOTED`` distinct excerpts, so that no text can make its findings long.

The checks run when the text is saved or submitted, never when a page is shown: with the
text bounded by ``TEXT_MAX``, no text makes them take more than a fraction of a second.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice

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


# The longest text a post may have: the longest channel's limit (Facebook's 63,206) and
# room to say by how much a post is over it. Forms and the database refuse longer text.
TEXT_MAX = 70_000


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
    reading = _Reading(text)
    # Links are masked so that the digits and words inside them are not mistaken for
    # phone numbers, postcodes or addresses; email addresses likewise for phone numbers.
    without_links = _mask(reading.text, _URL)
    without_emails = _mask(without_links, _EMAIL)
    return [
        *_phone_numbers(without_emails, reading),
        *_email_addresses(without_links, reading),
        *_postcodes(without_emails, reading),
        *_street_addresses(without_emails, reading),
        *_disclosure(
            reading.text,
            [_read(name) for name in department_names],
            _read(account),
            [_read(official) for official in official_accounts],
        ),
        *_commitments(reading.text, reading),
        *_length(text, channel),
        *_insecure_links(reading, _Reading(link.strip())),
    ]


# --- Reading the text ---------------------------------------------------------------------

# Characters that draw nothing: one inside "http://" or a phone number would hide it from a
# check while a reader sees no difference.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


# A few characters read as many ("\ufdfa" as 18): those that read as more than two
# (a fraction such as "1/4", a word in a square) are read as written, which keeps what
# the checks read at most twice as long as the text.
_MOST_READ_PER_CHARACTER = 2


class _Reading:
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
            unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.search(text)
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


def _read(text: str) -> str:
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))


def _read_written(character: str) -> str:
    """One character, with the combining marks after it, as the checks read it."""
    read = _read(character)
    if len(read) > _MOST_READ_PER_CHARACTER * len(character):
        return _INVISIBLE.sub("", character)
    return read


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


# The matcher's work grows with the groups of digits it reads (up to 20 digits make a
# group, as in its own pattern): up to a third of a millisecond each on a busy server. A
# post has a few dozen; a text made of numbers is read as far as this many, no further.
_PHONE_DIGIT_GROUPS = 500
_DIGIT_GROUP = re.compile(r"\d{1,20}")


def _phone_numbers(text: str, reading: _Reading) -> list[Finding]:
    end = _phone_search_end(text)
    found: dict[str, str] = {}
    more = False
    for match in PhoneNumberMatcher(text[:end], "GB", leniency=Leniency.POSSIBLE):
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
        if key in found:
            continue
        if len(found) == _MOST_QUOTED:
            more = True
            break
        found[key] = reading.quote(match.start, match.end)
    findings = [
        _finding(
            Code.PHONE_NUMBER,
            f"The post contains what looks like a phone number ({excerpt}). {_NEVER_GIVE_OUT}",
            excerpt,
        )
        for excerpt in found.values()
    ]
    if more:
        findings.append(_more(Code.PHONE_NUMBER, "phone numbers"))
    elif end < len(text):
        findings.append(
            _finding(
                Code.PHONE_NUMBER,
                "The post has too many figures to check them all for phone numbers: the "
                f"check read its first {reading.position(end):,} characters. Check the "
                f"rest yourself. {_NEVER_GIVE_OUT}",
            )
        )
    return findings


def _phone_search_end(text: str) -> int:
    """Where the group of digits after the last that the phone number check reads starts."""
    beyond = next(islice(_DIGIT_GROUP.finditer(text), _PHONE_DIGIT_GROUPS, None), None)
    return len(text) if beyond is None else beyond.start()


_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++")


def _email_addresses(text: str, reading: _Reading) -> list[Finding]:
    return _quoting(
        Code.EMAIL_ADDRESS,
        "email addresses",
        lambda excerpt: (
            f"The post contains an email address ({excerpt}). Never give out personal "
            "details: if this is a personal address, use a team or organisation mailbox "
            "instead."
        ),
        _matches(_EMAIL, text, reading, accept=_has_top_level_domain),
        key=str.casefold,
    )


def _has_top_level_domain(match: re.Match[str]) -> bool:
    top_level = match[0].rpartition(".")[2]
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


def _is_postcode(match: re.Match[str]) -> bool:
    return match[0][-2:] not in _ORDINAL_SUFFIXES


def _postcodes(text: str, reading: _Reading) -> list[Finding]:
    return _quoting(
        Code.POSTCODE,
        "postcodes",
        lambda excerpt: (
            f"The post contains what looks like a postcode ({excerpt}). {_NEVER_GIVE_OUT}"
        ),
        _matches(_POSTCODE, text, reading, accept=_is_postcode),
        key=lambda postcode: re.sub(r"\s", "", postcode).upper(),
    )


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


def _street_addresses(text: str, reading: _Reading) -> list[Finding]:
    return _quoting(
        Code.STREET_ADDRESS,
        "street addresses",
        lambda excerpt: (
            f"The post contains what looks like a street address ({excerpt}). {_NEVER_GIVE_OUT}"
        ),
        _matches(_STREET_ADDRESS, text, reading, accept=_is_street_address),
        key=_folded,
    )


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


def _commitments(text: str, reading: _Reading) -> list[Finding]:
    return _quoting(
        Code.COMMITMENT,
        "phrases that commit the Government",
        lambda excerpt: (
            f'The post contains language that commits the Government ("{excerpt}"). Do not '
            "make commitments on behalf of Government unless you are authorised to do so. "
            "If you have any doubts, ask your line manager."
        ),
        _matches(_COMMITMENT, text, reading),
        key=lambda phrase: _folded(phrase).replace("\u2019", "'"),
    )


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

# twitter-text v3: code points outside these ranges weigh 2, all others 1.
_X_HEAVY = re.compile(r"[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
# X counts a whole emoji sequence (flag, skin tone, keycap, ZWJ family) as one emoji of
# weight 2, rather than each of its code points: a pair of regional indicators, or a
# pictograph or any character with a modifier after it, then modifiers or ZWJ joins.
_EMOJI_MODIFIERS = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_EMOJI = re.compile(
    rf"""
    [\U0001f1e6-\U0001f1ff]{{2}}
  | (?:[\U0001f000-\U0001faff\u2600-\u27bf\u2300-\u23ff\u2b00-\u2bff]|.(?=[{_EMOJI_MODIFIERS}]))
    (?:[{_EMOJI_MODIFIERS}]|\u200d.)*+
    """,
    re.DOTALL | re.VERBOSE,
)


def _x_weight(text: str) -> int:
    rest, emoji = _EMOJI.subn("", text)
    return len(rest) + len(_X_HEAVY.findall(rest)) + 2 * emoji


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


def _insecure_links(text: _Reading, link: _Reading) -> list[Finding]:
    candidates = (
        (source.text[start:end], source.quote(start, end))
        for source in (text, link)
        for start, end in _link_spans(_INSECURE_URL, source.text)
    )
    return _quoting(
        Code.INSECURE_LINK,
        "links that are not secure",
        lambda excerpt: (
            f"The link {excerpt} is not secure. Use a link that starts with https:// so "
            "that readers get the page you meant to share."
        ),
        candidates,
        key=str,
    )


# --- Helpers ------------------------------------------------------------------------------


# Five hundred phone numbers would make a page of findings nobody reads, in every page
# that shows them: each check quotes this many and says when there are more.
_MOST_QUOTED = 10


def _finding(code: Code, message: str, excerpt: str = "") -> Finding:
    if _INVISIBLE.search(excerpt):
        message += (
            " The text quoted has characters in it that cannot be seen, such as zero-width "
            "spaces: retype it."
        )
    return Finding(code=code, principle=_PRINCIPLE_OF[code], message=message, excerpt=excerpt)


def _more(code: Code, things: str) -> Finding:
    return _finding(code, f"The post contains more {things} than are listed here. Find them all.")


def _quoting(
    code: Code,
    things: str,
    message: Callable[[str], str],
    candidates: Iterable[tuple[str, str]],
    key: Callable[[str], str],
) -> list[Finding]:
    """A finding quoting each distinct candidate, in order of first appearance.

    ``candidates`` are pairs of a match as read and the author's text it came from; two
    are the same when their ``key`` is, and the first spelling is quoted. At most
    ``_MOST_QUOTED`` are, and a last finding says when there are more.
    """
    seen: dict[str, str] = {}
    more = False
    for read, excerpt in candidates:
        name = key(read)
        if name in seen:
            continue
        if len(seen) == _MOST_QUOTED:
            more = True
            break
        seen[name] = excerpt
    findings = [_finding(code, message(excerpt), excerpt) for excerpt in seen.values()]
    return [*findings, _more(code, things)] if more else findings


def _matches(
    pattern: re.Pattern[str],
    text: str,
    reading: _Reading,
    accept: Callable[[re.Match[str]], bool] = lambda _: True,
) -> Iterator[tuple[str, str]]:
    """Each match ``accept`` allows, as read and as the author wrote it."""
    for match in pattern.finditer(text):
        if accept(match):
            yield match[0], reading.quote(*match.span())


def _link_spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Where each link matched by ``pattern`` starts and ends, less trailing punctuation."""
    for match in pattern.finditer(text):
        yield match.start(), match.start() + len(match[0].rstrip(_URL_TRAILING))


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with each match blanked out, keeping every other character in place."""
    return pattern.sub(lambda match: " " * len(match[0]), text)
