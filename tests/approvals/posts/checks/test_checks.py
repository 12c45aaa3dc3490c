"""Checks on the text of a proposed post: true positives, true negatives and hostile input.

Phone numbers in these tests come from Ofcom's ranges reserved for drama (020 7946 0xxx,
0113 496 0xxx, 07700 900xxx, 01632 960xxx), so none of them belongs to anyone.
"""

import pytest

from approvals.posts.channels import Channel, post_length
from approvals.posts.checks import check_post
from approvals.posts.checks.findings import CHECKS, Code, Finding, Principle
from approvals.posts.checks.images import ImageSeen, image_findings

pytestmark = pytest.mark.unit

DEPARTMENT = ["Cabinet Office"]


def findings(text, code, *, channel="blog", **kwargs):
    kwargs.setdefault("department_names", DEPARTMENT)
    return [
        finding
        for finding in check_post(text=text, channel=channel, **kwargs)
        if finding.code == code
    ]


def excerpts(text, code, **kwargs):
    return [finding.excerpt for finding in findings(text, code, **kwargs)]


# --- Phone numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call me on 020 7946 0000 today.", "020 7946 0000"),
        ("Ring +44 20 7946 0000 for details", "+44 20 7946 0000"),
        ("Ring +44 (0)20 7946 0000 for details", "+44 (0)20 7946 0000"),
        ("Phone (020) 7946 0000.", "(020) 7946 0000"),
        ("Phone 0113-496-0000.", "0113-496-0000"),
        ("Phone 0113 496 0000.", "0113 496 0000"),
        ("My mobile is 07700 900123", "07700 900123"),
        ("My mobile is 07700900123", "07700900123"),
        ("My mobile is 07700-900-123", "07700-900-123"),
        ("Text +447700900123", "+447700900123"),
        ("Text 0044 7700 900123", "0044 7700 900123"),
        ("Call 01632 960123 after 6.", "01632 960123"),
        ("Call +1 202 555 0100 in Washington", "+1 202 555 0100"),
    ],
)
def test_phone_numbers_are_flagged(text, expected):
    assert excerpts(text, "phone-number") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 we spent £1,000,000 on new schools.",
        "£20,794,600 was allocated in 2023-24, up from £18m in 2022.",
        "The consultation closes on 12/03/2025.",
        "The consultation closes on 01.02.2025.",
        "The consultation closes on 01-02-2025.",
        "Published 2025-03-12 at 09:30.",
        "Read HC 1234 and Bill 123 before the debate.",
        "SI 2024/1234 comes into force on 1 April.",
        "Company number 01234567 is registered in Cardiff.",
        "Open from 0900 to 1730, Monday to Friday.",
        "Over 10,000 people, 1 in 5 of them under 25, took part.",
        "ISBN 978-0-10-123456-7",
        "3.5 million households will benefit, 0.5% more than last year.",
        "Reference 7946 000012 on your letter.",
        # Published helplines are an organisation's numbers, not personal details.
        "Call our helpline on 0300 123 4567.",
        "Freephone 0800 123 4567, 8am to 8pm.",
    ],
)
def test_text_that_is_not_a_phone_number_is_not_flagged(text):
    assert excerpts(text, "phone-number") == []


def test_the_same_number_written_differently_is_one_finding():
    text = "Call 020 7946 0000 (or +44 20 7946 0000, or 020 7946 0000 again)."
    assert excerpts(text, "phone-number") == ["020 7946 0000"]


def test_numbers_inside_links_and_email_addresses_are_not_phone_numbers():
    text = "See https://example.org/case/02079460000 or mail 07700900123@example.org"
    assert excerpts(text, "phone-number") == []


# --- Email addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Email jane.smith@cabinetoffice.gov.uk for a copy.",
            "jane.smith@cabinetoffice.gov.uk",
        ),
        ("Write to J.Smith+press@example.co.uk.", "J.Smith+press@example.co.uk"),
        ("JANE@EXAMPLE.COM", "JANE@EXAMPLE.COM"),
        ("(press.office.uk@example.org)", "press.office.uk@example.org"),
    ],
)
def test_email_addresses_are_flagged(text, expected):
    assert excerpts(text, "email-address") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Follow @cabinetofficeuk for updates.",
        "Write to jane at example dot com",
        "Mail user@localhost on the test server.",
        "The score was a@b.1 in the draft.",
        "Meet us @ the conference in Leeds.",
        "Visit https://user@example.com/ for more.",
    ],
)
def test_text_that_is_not_an_email_address_is_not_flagged(text):
    assert excerpts(text, "email-address") == []


def test_email_addresses_are_deduplicated_case_insensitively():
    text = "Email jane@example.com or JANE@EXAMPLE.COM"
    assert excerpts(text, "email-address") == ["jane@example.com"]


# --- Postcodes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to us at SW1A 2AA.", "SW1A 2AA"),
        ("Manchester M1 1AE", "M1 1AE"),
        ("London EC1A 1BB", "EC1A 1BB"),
        ("London sw1a 2aa", "sw1a 2aa"),
        ("London SW1A2AA", "SW1A2AA"),
        ("Birmingham B33 8TH", "B33 8TH"),
        ("Croydon CR2 6XH", "CR2 6XH"),
        ("Doncaster DN55 1PT", "DN55 1PT"),
        ("London W1A 0AX", "W1A 0AX"),
        ("Leeds (Ls1 4ap)", "Ls1 4ap"),
    ],
)
def test_postcodes_are_flagged(text, expected):
    assert excerpts(text, "postcode") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Results for H1 2nd half are out.",
        "F1 1st place went to the team.",
        "The M6 5pm closure.",
        "Read HC 1234 tomorrow.",
        "COVID-19 guidance has changed.",
        "Take the A1 road north.",
        "QA1 1AA is not a postcode: Q never starts one.",
        "SW1A 2CA is not one either: C never ends one.",
        "Type 2 diabetes affects 4.3 million people.",
        "The model W1A0AXB is discontinued.",
        "Read https://example.gov.uk/sw1a-2aa for details.",
    ],
)
def test_text_that_is_not_a_postcode_is_not_flagged(text):
    assert excerpts(text, "postcode") == []


def test_postcodes_are_deduplicated_whatever_their_case_and_spacing():
    assert excerpts("SW1A 2AA, sw1a2aa", "postcode") == ["SW1A 2AA"]


# --- Street addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visit us at 10 Downing Street.", "10 Downing Street"),
        ("The detective lived at 221b Baker Street", "221b Baker Street"),
        ("Flat 2, 14 Acacia Avenue, Leeds", "14 Acacia Avenue"),
        ("Meet at 12 St James's Square", "12 St James's Square"),
        ("Offices at 10-12 Church Road", "10-12 Church Road"),
        ("Drop it at 3 Mill Lane please", "3 Mill Lane"),
        ("She lives at 1 The Green", "1 The Green"),
        ("Send it to 40 Smith Close", "40 Smith Close"),
        ("Send it to 22 Park Crescent West", "22 Park Crescent"),
        ("Send it to 12 Baker St.", "12 Baker St"),
        ("Send it to 7 Old Farm Drive", "7 Old Farm Drive"),
        ("Send it to 9 Royal Victoria Gardens", "9 Royal Victoria Gardens"),
        ("Send it to 5 Elm Terrace", "5 Elm Terrace"),
        ("Send it to 5 Elm Way", "5 Elm Way"),
    ],
)
def test_street_addresses_are_flagged(text, expected):
    assert excerpts(text, "street-address") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "5 Steps To Drive Growth",
        "3 Ways We Walk Together",
        "10 Years Of Park Run",
        "The 2012 Olympic Park was a success.",
        "Spend £5 High Street vouchers locally.",
        "We opened 3 new roads and 12 lanes this year.",
        "The 2 Main Roads Projects are funded.",
        "In 2024 Downing Street said the plan works.",
        "Paragraph 3.2 Place of birth",
        "Read https://example.org/10-Downing-Street today.",
        "5 Top Tips For Your Drive",
    ],
)
def test_text_that_is_not_a_street_address_is_not_flagged(text):
    assert excerpts(text, "street-address") == []


# --- Disclosure of position ---------------------------------------------------------------


def test_a_post_that_does_not_name_the_department_is_flagged():
    [finding] = findings("Our new guidance is out today.", "no-disclosure", account="Jane Smith")
    assert finding.principle == Principle.DISCLOSE_POSITION
    assert "Cabinet Office" in finding.message
    assert finding.excerpt == ""


@pytest.mark.parametrize(
    ("text", "names", "account"),
    [
        # An abbreviation must appear as a word, not inside one.
        ("Our work undefended.", ["Department for Education", "DfE"], ""),
        ("Cabinet Officers met today.", ["Cabinet Office"], ""),
        # A personal account named like a department is not the department's own.
        ("Out today.", ["Cabinet Office"], "@cabinetofficejane"),
    ],
)
def test_near_misses_do_not_count_as_disclosure(text, names, account):
    assert findings(text, "no-disclosure", department_names=names, account=account)


@pytest.mark.parametrize(
    ("text", "names", "account", "official_accounts"),
    [
        ("Policy team, cabinet office: guidance out today.", ["Cabinet Office"], "", ()),
        ("Policy team, CABINET\nOFFICE", ["Cabinet Office"], "", ()),
        ("News from HMRC today.", ["HM Revenue & Customs", "HMRC"], "", ()),
        ("News from HM Revenue and Customs.", ["HM Revenue & Customs"], "", ()),
        ("DVSA says: book your test.", ["Department for Transport", "DVSA"], "", ()),
        ("Out today #CabinetOffice", ["Cabinet Office"], "", ()),
        ("Out today, via @cabinetofficeuk", ["Cabinet Office"], "", ()),
        ("Out today.", ["Cabinet Office"], "@cabinetofficeuk", ()),
        ("Out today.", ["Cabinet Office"], "Cabinet Office", ()),
        ("Out today.", ["Home Office"], "@ukhomeoffice", ()),
        ("Out today.", ["HM Revenue & Customs", "HMRC"], "@HMRCgovuk", ()),
        ("Out today.", ["Department for Education"], "@educationgovuk", ["@educationgovuk"]),
        # Without the author's department there is nothing to check against.
        ("Out today.", [], "Jane Smith", ()),
        ("Out today.", ["  "], "", ()),
    ],
)
def test_a_post_that_discloses_the_department_is_not_flagged(
    text, names, account, official_accounts
):
    assert (
        findings(
            text,
            "no-disclosure",
            department_names=names,
            account=account,
            official_accounts=official_accounts,
        )
        == []
    )


# --- Commitments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will publish the report in May.", "We will"),
        ("we'll publish it soon", "we'll"),
        ("We\u2019ll publish it soon", "We\u2019ll"),
        ("We shall respond.", "We shall"),
        ("We won't raise fees.", "We won't"),
        ("We promise to respond.", "We promise"),
        ("We guarantee a place for every child.", "We guarantee"),
        ("We commit to publishing the data.", "We commit to"),
        ("We are committed to ending rough sleeping.", "We are committed to"),
        ("We\u2019re committed to ending it.", "We\u2019re committed to"),
        ("The Government will legislate.", "The Government will"),
        ("HM Government will legislate.", "HM Government will"),
        ("Government promises more homes.", "Government promises"),
        ("I promise to look into it.", "I promise"),
        ("I guarantee it.", "I guarantee"),
        ("Your place is guaranteed.", "guaranteed"),
        ("So we  will, in time.", "we  will"),
        ("So we\nwill, in time.", "we\nwill"),
    ],
)
def test_commitments_are_flagged(text, expected):
    assert excerpts(text, "commitment") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Will we see you there?",
        "We are willing to listen.",
        "We willingly took part.",
        "Awe will not help.",
        "Shallow water ahead.",
        "The will of the people.",
        "We were pleased to welcome views.",
        "The Youth Guarantee scheme opens today.",
        "The Government's plan was published.",
        "Government guidance has been updated.",
        "Unguaranteed loans are riskier.",
        "I will be speaking at the conference.",
        "We promised in March to publish it, and here it is.",
    ],
)
def test_text_that_commits_nobody_is_not_flagged(text):
    assert excerpts(text, "commitment") == []


def test_repeated_commitments_are_one_finding_each():
    text = "We will act. We will listen. We\u2019ll report. we'll publish. The Government will."
    assert excerpts(text, "commitment") == ["We will", "We\u2019ll", "The Government will"]


# --- Length -------------------------------------------------------------------------------

LIMITED = [channel for channel in Channel if channel.limit is not None]


@pytest.mark.parametrize("channel", LIMITED)
def test_a_post_at_the_limit_passes_and_one_over_is_flagged(channel):
    assert findings("a" * channel.limit, "too-long", channel=channel) == []
    [finding] = findings("a" * (channel.limit + 1), "too-long", channel=channel)
    assert channel.label in finding.message
    assert f"{channel.limit:,}" in finding.message
    assert finding.principle == Principle.BE_CREDIBLE


@pytest.mark.parametrize("channel", [Channel.BLOG, Channel.COMMENT, Channel.OTHER])
def test_channels_without_a_limit_never_flag_length(channel):
    assert findings("a" * 100_000, "too-long", channel=channel) == []


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("a" * 10, 10),
        ("https://www.gov.uk/" + "x" * 300, 23),
        ("http://x.co", 23),
        ("See gov.uk/guidance now", 4 + 23 + 4),
        ("Read https://example.com/a.", 5 + 23 + 1),
        ("jane@example.gov.uk", 19),
        ("\U0001f44d", 2),
        ("\U0001f44d\U0001f3fd", 2),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", 2),
        ("\U0001f1ec\U0001f1e7", 2),
        ("\u2764\ufe0f", 2),
        ("1\ufe0f\u20e3", 2),
        ("\u65e5\u672c", 4),
        ("e\u0301", 1),
        ("\u201cquoted\u201d \u2014 dash", 15),
    ],
)
def test_x_counts_characters_as_x_does(text, length):
    assert post_length(text, Channel.X) == length


def test_x_counts_each_link_as_23_characters_against_its_limit():
    text = " ".join(["https://www.gov.uk/guidance/" + "x" * 100] * 11)
    assert post_length(text, "x") == 11 * 23 + 10
    assert findings(text, "too-long", channel="x") == []


def test_x_flags_emoji_heavy_posts_by_weight():
    assert findings("\U0001f600" * 140, "too-long", channel="x") == []
    assert findings("\U0001f600" * 141, "too-long", channel="x")


def test_other_channels_count_code_points_not_utf16_units_or_bytes():
    emoji = "\U0001f600"
    assert post_length(emoji * 3000, "linkedin") == 3000
    assert findings(emoji * 3000, "too-long", channel="linkedin") == []
    assert findings(emoji * 3001, "too-long", channel="linkedin")


def test_other_channels_count_composed_characters_once():
    decomposed = "e\u0301" * 2200
    assert post_length(decomposed, "instagram") == 2200
    assert findings(decomposed, "too-long", channel="instagram") == []


def test_the_message_says_how_much_to_remove():
    [finding] = findings("a" * 300, "too-long", channel="x")
    assert finding.message == (
        "The post is 300 characters long. X (formerly Twitter) allows up to 280 characters, "
        "counting each link as 23 characters. Remove at least 20 characters so that the "
        "post is not cut short."
    )


def test_an_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="fax"):
        check_post(text="Hello", channel="fax")


def test_channels_have_the_agreed_keys_labels_and_limits():
    assert [(channel.value, channel.label, channel.limit) for channel in Channel] == [
        ("x", "X (formerly Twitter)", 280),
        ("linkedin", "LinkedIn", 3000),
        ("facebook", "Facebook", 63206),
        ("instagram", "Instagram", 2200),
        ("threads", "Threads", 500),
        ("bluesky", "Bluesky", 300),
        ("youtube", "YouTube (video description)", 5000),
        ("youtube_community", "YouTube community post", None),
        ("blog", "Blog post", None),
        ("comment", "Comment on another site", None),
        ("other", "Other", None),
    ]
    assert Channel.choices()[0] == ("x", "X (formerly Twitter)")
    assert Channel("linkedin") is Channel.LINKEDIN
    assert Channel.X == "x"


# --- Insecure links -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link", "expected"),
    [
        ("Read http://example.com/report.", "", ["http://example.com/report"]),
        ("Read HTTP://EXAMPLE.COM now", "", ["HTTP://EXAMPLE.COM"]),
        ("Read the report", "http://example.com/report", ["http://example.com/report"]),
        ("Read the report", "  http://example.com/report  ", ["http://example.com/report"]),
        ("Read http://example.com/a", "http://example.com/a", ["http://example.com/a"]),
        (
            "Read http://a.example and http://b.example",
            "",
            ["http://a.example", "http://b.example"],
        ),
    ],
)
def test_http_links_are_flagged(text, link, expected):
    assert excerpts(text, "insecure-link", link=link) == expected


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Read https://www.gov.uk/guidance", ""),
        ("Read the report", "https://www.gov.uk/guidance"),
        ("The http protocol is old.", ""),
        ("See gov.uk/guidance", "www.gov.uk"),
    ],
)
def test_https_and_schemeless_links_are_not_flagged(text, link):
    assert excerpts(text, "insecure-link", link=link) == []


# --- Findings as a whole ------------------------------------------------------------------

EVERYTHING = (
    "We will ring you from 020 7946 0000 or email jane@example.com; "
    "come to 10 Downing Street, SW1A 2AA, or read http://example.com. "
    + "x" * 200
    + " We 💚 the #civilservicejobs team, "
    + "and " * 20
    + "READ THIS NOW https://www.gov.uk/a 🎉🎉🎉 #Jobs #Careers"
)


# One image for each image check, five in all: one more than X takes.
EVERY_IMAGE = [
    ImageSeen(""),
    ImageSeen("A cat asleep on a windowsill " * 40),
    ImageSeen("IMG_2034.jpg"),
    ImageSeen("Image of a cat"),
    ImageSeen("We will ring you from 020 7946 0000"),
]


def test_findings_come_in_the_order_of_the_legend():
    result = check_post(text=EVERYTHING, channel="x", department_names=DEPARTMENT)
    result += image_findings(text=EVERYTHING, channel="x", images=EVERY_IMAGE)
    assert [finding.code for finding in result] == [check.code for check in CHECKS]


def test_findings_are_the_same_every_time():
    first = check_post(text=EVERYTHING, channel="x", department_names=DEPARTMENT)
    assert check_post(text=EVERYTHING, channel="x", department_names=DEPARTMENT) == first


def test_every_finding_names_the_principle_of_its_check_in_plain_text():
    principles = {check.code: check.principle for check in CHECKS}
    for finding in check_post(text=EVERYTHING, channel="x", department_names=DEPARTMENT):
        assert isinstance(finding, Finding)
        assert finding.principle == principles[finding.code]
        assert "<" not in finding.message
        assert finding.message.endswith(".")


def test_the_phone_number_message_is_written_for_the_author():
    [finding] = findings("Call 020 7946 0000", "phone-number")
    assert finding.message == (
        "The post contains what looks like a phone number (020 7946 0000). Never give out "
        "personal details like home addresses and phone numbers."
    )
    assert finding.principle == "Civil Service Code: never give out personal details"


def test_the_legend_covers_every_code_once():
    assert sorted(check.code for check in CHECKS) == sorted(Code)
    assert {check.principle for check in CHECKS} == set(Principle)


def test_a_clean_post_has_no_findings():
    text = (
        "The Cabinet Office has published new guidance on participating online: "
        "https://www.gov.uk/government/publications/participation-online"
    )
    assert check_post(text=text, channel="x", department_names=DEPARTMENT) == []


# --- Hostile input ------------------------------------------------------------------------
# No timing assertions: every pattern is linear, and a catastrophic one would hang here.


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 50_000,
        "a@" * 50_000,
        "0" * 100_000,
        "0 " * 50_000,
        "0-" * 50_000,
        "(0" * 50_000,
        "+44 " * 25_000,
        "a." * 50_000,
        "a" * 100_000 + "@",
        "a@a" + ".a" * 50_000 + "!",
        "A " * 50_000,
        "1 A" * 33_333,
        "1 Aa " * 20_000,
        "1 " + "A" * 100_000,
        "W1 " * 33_333,
        "we " * 33_333,
        "we" + " " * 100_000 + "x",
        "http://" * 14_000,
        "www." * 25_000,
        "a-" * 50_000,
        "x" * 100_000,
        "\u200d" * 100_000,
        "\U0001f1ec" * 50_000,
        "#a" * 50_000,
        "@" * 100_000,
    ],
    ids=lambda text: repr(text[:6]),
)
def test_hostile_input_is_checked(text):
    result = check_post(
        text=text,
        channel="x",
        link=text,
        department_names=["Cabinet Office", "CO"],
        account=text,
    )
    assert isinstance(result, list)
