"""One author cannot slow everyone down: no text the form accepts makes the checks slow
or their findings long (showing a post never checks it again: test_checks_cost_pages)."""

import time

import pytest

from approvals.posts.channels import TEXT_MAX
from approvals.posts.checks import check_post

pytestmark = pytest.mark.unit

# Seconds of CPU for all the checks on one text, the best of three runs so that what
# other processes on this slow, shared 2-core machine cost us is not counted.
BOUND = 0.5


def longest(unit: str) -> str:
    """The longest text the form accepts, made of ``unit`` over and over."""
    return (unit * (TEXT_MAX // len(unit) + 1))[:TEXT_MAX]


def numbered(template: str) -> str:
    """The longest text made of ``template`` filled in with 0, 1, 2...: every one different."""
    parts: list[str] = []
    length = 0
    while length < TEXT_MAX:
        parts.append(template.format(len(parts)))
        length += len(parts[-1])
    return "".join(parts)[:TEXT_MAX]


def cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        check_post(text=text, channel="x", department_names=["Cabinet Office"], account="@a")
        best = min(best, time.process_time() - started)
    return best


# For each check, the longest texts of the patterns that cost it most: runs that a
# pattern could start matching at every character, near-misses it must give up on, and
# for phone numbers, the many candidates libphonenumber's matcher parses one by one.
WORST_TEXTS = {
    "phone numbers": {
        "digits and spaces": longest("0 "),
        "one number over and over": longest("020 7946 0000 "),
        "different numbers": numbered("020 7946 {:04d} "),
        "different short numbers": numbered("0{} "),
        "freephone numbers": numbered("0800 {:07d}\n"),
        "international prefixes": longest("+44 "),
        "brackets": longest("(0"),
        "dates": longest("01.02.2025 "),
        "full-width digits": longest("\uff10\uff12\uff10 \uff17\uff19\uff14\uff16 "),
        "zero-width spaces between digits": longest("0\u200b"),
    },
    "email addresses": {
        "at signs": longest("@"),
        "near misses": longest("a.b@c-d."),
        "different addresses": numbered("n{}@example.gov.uk "),
        "full-width at signs": longest("a\uff20"),
    },
    "postcodes": {
        "postcodes": longest("SW1A 1AA "),
        "postcode-like run": longest("SW1A1AA"),
        "near misses": longest("A1 1A"),
    },
    "street addresses": {
        "addresses": longest("10 Downing Street "),
        "capitalised words with no street": longest("1 Aa Bb Cc Dd "),
        "capitals": longest("1 A"),
    },
    "disclosure": {
        "mentions": longest("@a #b "),
        "ampersands": longest("& "),
        "one long word": longest("a"),
    },
    "commitments": {
        "we will": longest("we will "),
        "the government": longest("the government "),
        "his majesty's government": longest("his majesty's "),
    },
    "length": {
        "emoji sequences": longest("\U0001f468\u200d"),
        "flags": longest("\U0001f1ec\U0001f1e7"),
        "Chinese": longest("\u4e2d"),
        "modifiers": longest("a\ufe0f"),
    },
    "insecure links": {
        "http://": longest("http://"),
        "links": longest("http://a "),
        "bare domains": longest("a.uk/"),
        "dots": longest("a."),
    },
    "reading look-alikes": {
        "a character that reads as 18": longest("\ufdfa"),
        "combining accents": longest("e\u0301"),
        "zero-width spaces": longest("\u200b"),
        "numbers with full stops": longest("\u2488"),
    },
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(text, id=f"{check}: {pattern}")
        for check, texts in WORST_TEXTS.items()
        for pattern, text in texts.items()
    ],
)
def test_each_check_reads_the_longest_text_of_its_worst_pattern_in_under_half_a_second(text):
    assert len(text) == TEXT_MAX
    assert cpu_seconds(text) < BOUND


def test_a_text_of_different_email_addresses_gives_ten_findings_and_says_there_are_more():
    findings = [
        finding
        for finding in check_post(text=numbered("n{}@example.gov.uk "), channel="blog")
        if finding.code == "email-address"
    ]
    assert [finding.excerpt for finding in findings[:10]] == [
        f"n{i}@example.gov.uk" for i in range(10)
    ]
    assert len(findings) == 11
    assert findings[-1].message == (
        "The post contains more email addresses than are listed here. Find them all."
    )


def test_a_text_of_different_phone_numbers_gives_ten_findings_and_says_there_are_more():
    findings = [
        finding
        for finding in check_post(text=numbered("Ring 020 7946 {:04d}.\n"), channel="blog")
        if finding.code == "phone-number"
    ]
    assert [finding.excerpt for finding in findings[:10]] == [
        f"020 7946 {i:04d}" for i in range(10)
    ]
    assert findings[-1].message.startswith("The post contains more phone numbers than are listed")
    assert len(findings) == 11


def test_a_text_of_more_figures_than_the_phone_check_reads_says_where_it_stopped():
    figures = longest("Table 1: 12, 34, 56, 78 and 90. ")
    text = figures[: TEXT_MAX - 30] + " Call 07700 900123."
    [finding] = [f for f in check_post(text=text, channel="blog") if f.code == "phone-number"]
    assert finding.message.startswith(
        "The post has too many figures to check them all for phone numbers: the check "
        "read its first "
    )
    assert "Check the rest yourself." in finding.message
