"""Civil Service Code: never give out personal details (phone numbers, e-mail addresses,
postcodes, street addresses)."""

import re
from itertools import islice

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType, ValidationResult

from approvals.posts.checks.findings import (
    MOST_QUOTED,
    Code,
    Finding,
    make_finding,
    matches,
    more_than_listed,
    quoting,
)
from approvals.posts.checks.reading import Reading, folded

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


def phone_numbers(text: str, reading: Reading) -> list[Finding]:
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
        if len(found) == MOST_QUOTED:
            more = True
            break
        found[key] = reading.quote(match.start, match.end)
    findings = [
        make_finding(
            Code.PHONE_NUMBER,
            f"The post contains what looks like a phone number ({excerpt}). {_NEVER_GIVE_OUT}",
            excerpt,
        )
        for excerpt in found.values()
    ]
    if more:
        findings.append(more_than_listed(Code.PHONE_NUMBER, "phone numbers"))
    elif end < len(text):
        findings.append(
            make_finding(
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


EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++")


def email_addresses(text: str, reading: Reading) -> list[Finding]:
    return quoting(
        Code.EMAIL_ADDRESS,
        "email addresses",
        lambda excerpt: (
            f"The post contains an email address ({excerpt}). Never give out personal "
            "details: if this is a personal address, use a team or organisation mailbox "
            "instead."
        ),
        matches(EMAIL, text, reading, accept=_has_top_level_domain),
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


def postcodes(text: str, reading: Reading) -> list[Finding]:
    return quoting(
        Code.POSTCODE,
        "postcodes",
        lambda excerpt: (
            f"The post contains what looks like a postcode ({excerpt}). {_NEVER_GIVE_OUT}"
        ),
        matches(_POSTCODE, text, reading, accept=_is_postcode),
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


def street_addresses(text: str, reading: Reading) -> list[Finding]:
    return quoting(
        Code.STREET_ADDRESS,
        "street addresses",
        lambda excerpt: (
            f"The post contains what looks like a street address ({excerpt}). {_NEVER_GIVE_OUT}"
        ),
        matches(_STREET_ADDRESS, text, reading, accept=_is_street_address),
        key=folded,
    )
