"""The accessibility checks (Government Communication Service guidance on accessible social
media): what each finds, what each lets through, and hostile input."""

import pytest

from approvals.posts.checks import check_post
from approvals.posts.checks.findings import MOST_QUOTED, Principle

pytestmark = pytest.mark.unit

SOURCE = "Government Communication Service: accessible social media"


def findings(text, code, *, link=""):
    return [
        finding
        for finding in check_post(
            text=text, channel="blog", link=link, department_names=["Cabinet Office"]
        )
        if finding.code == code
    ]


def excerpts(text, code, **kwargs):
    return [finding.excerpt for finding in findings(text, code, **kwargs)]


def test_accessibility_findings_name_their_source():
    text = "We 💚 the NHS, READ THIS NOW #civilservicejobs today #a #b #c 🎉🎉🎉"
    found = [
        finding for finding in check_post(text=text, channel="x") if finding.principle == SOURCE
    ]
    assert {finding.code for finding in found} == {
        "hashtag-case",
        "too-many-hashtags",
        "hashtag-placement",
        "too-many-emoji",
        "emoji-for-words",
        "capitals",
    }
    assert Principle.ACCESSIBLE == SOURCE
    assert all(finding.message.endswith(".") for finding in found)


# --- Hashtags in camel case ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apply now. #civilservicejobs", ["#civilservicejobs"]),
        ("Look after yourself. #mentalhealthweek", ["#mentalhealthweek"]),
        ("Apply now. #nhsjobs", ["#nhsjobs"]),
        ("Apply now. #civilservice2025", ["#civilservice2025"]),
        # Longer than one word usually is, whatever the words.
        ("Happy birthday. #internationalwomensday", ["#internationalwomensday"]),
        ("Happy birthday. #abcdefghijklmnopq", ["#abcdefghijklmnopq"]),
        # The same tag twice is quoted once.
        ("#civilservicejobs #CIVILSERVICEJOBS #civilservicejobs", ["#civilservicejobs"]),
    ],
)
def test_lower_case_hashtags_of_several_words_are_flagged(text, expected):
    assert excerpts(text, "hashtag-case") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Our hospitals. #NHS",
        "Our hospitals. #nhs",
        "Apply now. #CivilService",
        "Apply now. #CivilServiceJobs",
        "Apply now. #civilService",
        "Spending plans. #budget",
        "Spending plans. #Budget2025",
        "Spending plans. #nhs_jobs",
        "Apprentices. #apprenticeships",
        "Stay safe. #COVID19",
        "Not a tag: issue #1 and C#.",
        "A link: https://www.gov.uk/guidance#civilservicejobs",
    ],
)
def test_short_capitalised_and_acronym_hashtags_are_not_flagged(text):
    assert excerpts(text, "hashtag-case") == []


# --- How many hashtags, and where ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Apply now. #CivilService #Jobs #Careers",
        # A screen reader reads the same tag out each time.
        "Apply now. #CivilService #civilservice #CIVILSERVICE",
    ],
)
def test_more_than_two_hashtags_are_flagged_once(text):
    [finding] = findings(text, "too-many-hashtags")
    assert "3 hashtags" in finding.message


@pytest.mark.parametrize(
    "text",
    ["Apply now. #CivilService #Jobs", "Issue #1 and #2 of #Jobs. #CivilService"],
)
def test_two_hashtags_are_not_too_many(text):
    assert findings(text, "too-many-hashtags") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The #NHS is hiring.", ["#NHS"]),
        ("#Jobs at the Cabinet Office: apply now.", ["#Jobs"]),
        ("The #NHS and #HMRC are hiring. #Jobs", ["#NHS", "#HMRC"]),
        ("Read this #Budget https://www.gov.uk/budget and tell us", ["#Budget"]),
    ],
)
def test_hashtags_before_the_last_word_are_flagged(text, expected):
    assert excerpts(text, "hashtag-placement") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The NHS is hiring. #NHS #Jobs",
        "The NHS is hiring! #NHS\n#Jobs 🎉",
        "The NHS is hiring #NHS https://www.gov.uk/jobs",
        "Thanks @CabinetOffice. #Jobs @HMRCgovuk",
        "#NHS",
    ],
)
def test_hashtags_at_the_end_are_not_flagged(text):
    assert findings(text, "hashtag-placement") == []


# --- Links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Read https://www.gov.uk/a and https://www.gov.uk/b", ""),
        ("Read gov.uk/a and gov.uk/b", ""),
        ("Read https://www.gov.uk/a", "https://www.gov.uk/b"),
    ],
)
def test_more_than_one_link_is_flagged(text, link):
    [finding] = findings(text, "too-many-links", link=link)
    assert "2 links" in finding.message


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Read https://www.gov.uk/a", ""),
        ("Read the guidance", "https://www.gov.uk/a"),
        # The link field repeating the link in the text is still one link.
        ("Read https://www.gov.uk/a", "https://www.gov.uk/a/"),
        ("Read https://www.gov.uk/a and https://www.gov.uk/a again", ""),
        ("Email us. No links here.", ""),
    ],
)
def test_one_link_is_not_flagged(text, link):
    assert findings(text, "too-many-links", link=link) == []


# --- Emoji --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Well done 🎉🎉🎉🎉",
        "Well done 🎉 👏 💚 ✅",
        "Families 👨\u200d👩\u200d👧 👍🏽 🇬🇧 🎉 all welcome",
    ],
)
def test_more_than_three_emoji_are_flagged(text):
    [finding] = findings(text, "too-many-emoji")
    assert "4 emoji" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Well done 🎉🎉🎉",
        # A family, a skin tone and a flag are one emoji each.
        "Families 👨\u200d👩\u200d👧 👍🏽 🇬🇧 welcome",
        "No emoji here: £5, 10% and ©.",
    ],
)
def test_three_emoji_are_not_too_many(text):
    assert findings(text, "too-many-emoji") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We 💚 the NHS", ["💚"]),
        ("We💚the NHS", ["💚"]),
        ("Time to 🏃 to work", ["🏃"]),
        ("We ❤️ our 👩\u200d⚕️ colleagues", ["❤️", "👩\u200d⚕️"]),
        ("It costs 💷 5", ["💷"]),
    ],
)
def test_emoji_in_place_of_words_are_flagged(text, expected):
    assert excerpts(text, "emoji-for-words") == expected


@pytest.mark.parametrize(
    "text",
    [
        "We love the NHS 💚",
        "🎉 We did it",
        "We did it! 🎉 Thank you all",
        "Thanks all 👏 Great work",
        "Well done 🎉\nsee you next year",
    ],
)
def test_emoji_beside_words_are_not_flagged(text):
    assert findings(text, "emoji-for-words") == []


# --- Sentences ----------------------------------------------------------------------------

TWENTY_SIX = " ".join(["word"] * 26)
TWENTY_FIVE = " ".join(["word"] * 25)


@pytest.mark.parametrize(
    "text",
    [
        f"{TWENTY_SIX}.",
        f"Short one. {TWENTY_SIX}! Short again.",
        f"{TWENTY_SIX}",
        # A link is not a word, a hashtag is.
        f"{TWENTY_FIVE} #Jobs.",
    ],
)
def test_sentences_of_more_than_25_words_are_flagged(text):
    [finding] = findings(text, "long-sentence")
    assert finding.excerpt == " ".join(["word"] * 8)
    assert "26 words" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        f"{TWENTY_FIVE}.",
        f"{TWENTY_FIVE}. {TWENTY_FIVE}? {TWENTY_FIVE}",
        f"{TWENTY_FIVE}\n{TWENTY_FIVE}",
        f"{TWENTY_FIVE} https://www.gov.uk/guidance — 🎉 !",
        "We spent £3.5 million. On schools.",
    ],
)
def test_sentences_of_25_words_or_fewer_are_not_flagged(text):
    assert findings(text, "long-sentence") == []


def test_long_sentences_are_quoted_at_most_so_many_times():
    text = " ".join([f"{TWENTY_SIX}."] * (MOST_QUOTED + 5))
    found = findings(text, "long-sentence")
    assert len(found) == MOST_QUOTED + 1
    assert "more long sentences" in found[-1].message


def full_width(text):
    """``text`` in full-width letters, which the checks read as the ordinary ones."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# --- Capitals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("THIS IS BIG NEWS from the Cabinet Office", ["THIS IS BIG NEWS"]),
        ("Apply now: DEADLINE FRIDAY.", ["DEADLINE FRIDAY"]),
        ("This is URGENT, please read", ["URGENT"]),
        ("Read it NOW PLEASE and BIG NEWS", ["NOW PLEASE", "BIG NEWS"]),
        (full_width("This IS BIG") + " news", [full_width("IS BIG")]),
    ],
)
def test_text_in_capitals_is_flagged(text, expected):
    assert excerpts(text, "capitals") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The NHS and HMRC are hiring.",
        "Read the guidance on GOV.UK today.",
        "The NHS, HMRC and DVLA are hiring.",
        "Ask the DWP\nNHS staff welcome",
        "I am here, A to Z.",
        "Go to A&E if you need to.",
        "COVID-19 vaccines are free.",
        "Write to 70 Whitehall, London SW1A 2AS.",
        "Follow @HMRCGOVUK and #CIVILSERVICE",
        "Read https://www.gov.uk/GUIDANCE/ABOUT-US",
    ],
)
def test_short_acronyms_are_not_flagged(text):
    assert findings(text, "capitals") == []


# --- Hostile input ------------------------------------------------------------------------

LONG = 65_000


@pytest.mark.parametrize(
    "text",
    [
        "#" + "a" * LONG,
        "#civil" * (LONG // 6),
        "#civ" * (LONG // 4),
        "a " + " " * LONG + "💚",
        "a" + "💚" * LONG + "b",
        "a 💚 " * (LONG // 4),
        "\ufe0f" * LONG,
        "💚\u200d" * (LONG // 2),
        "word " * (LONG // 5),
        "WORD " * (LONG // 5),
        "W" * LONG,
        "A." * (LONG // 2),
        "#a " * (LONG // 3) + "end",
        "https://" + "a" * LONG,
        "gov.uk/a " * (LONG // 9),
        "\n" * LONG,
        ". " * (LONG // 2),
    ],
)
def test_hostile_input_is_checked(text):
    check_post(text=text, channel="blog", link="https://www.gov.uk/" + "a" * 1000)
