"""Checks on the text of a proposed official post, before it is submitted for sign-off.

Each finding names the Civil Service principle for participation online, the part of the
Civil Service Code, or the Government Communication Service's guidance on accessible
social media, that it concerns. The checks are advisory: they point the author
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

The checks read the text as ``Reading`` gives it: NFKC, without invisible characters, so
that full-width digits and at signs or a zero-width space inside "http://" hide nothing
from them. Findings quote the author's own characters. Each check quotes at most
``MOST_QUOTED`` distinct excerpts, so that no text can make its findings long.

The checks run when the text is saved or submitted, never when a page is shown: with the
text bounded by ``TEXT_MAX``, no text makes them take more than a fraction of a second."""

from collections.abc import Sequence

from approvals.posts.channels import URL, Channel
from approvals.posts.checks.accessibility import accessibility
from approvals.posts.checks.commitments import commitments
from approvals.posts.checks.credibility import insecure_links, too_long
from approvals.posts.checks.disclosure import position_not_disclosed
from approvals.posts.checks.findings import Finding
from approvals.posts.checks.personal_details import (
    EMAIL,
    email_addresses,
    phone_numbers,
    postcodes,
    street_addresses,
)
from approvals.posts.checks.reading import Reading, mask, normalise


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
    reading = Reading(text)
    # Links are masked so that the digits and words inside them are not mistaken for
    # phone numbers, postcodes or addresses; email addresses likewise for phone numbers.
    without_links = mask(reading.text, URL)
    without_emails = mask(without_links, EMAIL)
    link_reading = Reading(link.strip())
    return [
        *phone_numbers(without_emails, reading),
        *email_addresses(without_links, reading),
        *postcodes(without_emails, reading),
        *street_addresses(without_emails, reading),
        *position_not_disclosed(
            reading.text,
            [normalise(name) for name in department_names],
            normalise(account),
            [normalise(official) for official in official_accounts],
        ),
        *commitments(reading.text, reading),
        *too_long(text, channel),
        *insecure_links(reading, link_reading),
        *accessibility(reading, link_reading),
    ]
