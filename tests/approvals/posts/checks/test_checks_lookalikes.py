"""The checks cannot be dodged with look-alike or invisible characters, and text in other
alphabets is neither mangled nor refused (on the form: test_checks_lookalikes_form).

Phone numbers come from Ofcom's ranges reserved for drama, so none belongs to anyone.
"""

import pytest

from approvals.posts.checks import check_post

pytestmark = pytest.mark.unit

ZERO_WIDTH_SPACE = "\u200b"
SOFT_HYPHEN = "\u00ad"
WORD_JOINER = "\u2060"
BYTE_ORDER_MARK = "\ufeff"


def findings(text, code, **kwargs):
    kwargs.setdefault("department_names", ["Cabinet Office"])
    return [f for f in check_post(text=text, channel="blog", **kwargs) if f.code == code]


def excerpts(text, code, **kwargs):
    return [finding.excerpt for finding in findings(text, code, **kwargs)]


def test_a_phone_number_in_full_width_digits_is_found_and_quoted_as_written():
    full_width = "\uff10\uff12\uff10 \uff17\uff19\uff14\uff16 \uff10\uff10\uff10\uff10"
    [finding] = findings(f"Call me on {full_width} today.", "phone-number")
    assert finding.excerpt == full_width
    assert f"looks like a phone number ({full_width})" in finding.message


@pytest.mark.parametrize("invisible", [ZERO_WIDTH_SPACE, SOFT_HYPHEN, WORD_JOINER])
def test_a_phone_number_with_invisible_characters_between_its_digits_is_found(invisible):
    number = invisible.join("07700 900123")
    assert excerpts(f"Text me on {number}.", "phone-number") == [number]


def test_an_email_address_with_a_full_width_at_sign_is_found():
    assert excerpts("Write to name\uff20example.gov.uk today.", "email-address") == [
        "name\uff20example.gov.uk"
    ]


def test_the_same_address_written_with_either_at_sign_is_one_finding():
    text = "Write to name\uff20example.gov.uk or name@example.gov.uk."
    assert excerpts(text, "email-address") == ["name\uff20example.gov.uk"]


@pytest.mark.parametrize(
    "link",
    [
        f"ht{ZERO_WIDTH_SPACE}tp://example.com",
        f"http{SOFT_HYPHEN}://example.com",
        f"{BYTE_ORDER_MARK}http://example.com",
        "\uff48\uff54\uff54\uff50://example.com",
    ],
)
def test_a_link_disguised_with_invisible_or_full_width_characters_is_found_as_not_secure(link):
    [finding] = findings(f"Read {link} today.", "insecure-link")
    assert finding.excerpt.strip(BYTE_ORDER_MARK) == link.strip(BYTE_ORDER_MARK)
    assert "is not secure" in finding.message


def test_a_finding_quoting_invisible_characters_says_so():
    [finding] = findings(f"Read ht{ZERO_WIDTH_SPACE}tp://example.com today.", "insecure-link")
    assert finding.message.endswith(
        "The text quoted has characters in it that cannot be seen, such as zero-width "
        "spaces: retype it."
    )


def test_the_separate_link_field_is_read_the_same_way():
    link = f"ht{ZERO_WIDTH_SPACE}tp://example.com"
    assert excerpts("Cabinet Office: read this.", "insecure-link", link=link) == [link]


def test_a_commitment_in_full_width_letters_is_found():
    phrase = "\uff57\uff45 \uff57\uff49\uff4c\uff4c"  # "we will"
    assert excerpts(f"Cabinet Office: {phrase} fix it.", "commitment") == [phrase]


def test_a_commitment_with_a_soft_hyphen_inside_a_word_is_found():
    phrase = f"we guaran{SOFT_HYPHEN}tee"
    assert excerpts(f"Cabinet Office: {phrase} it.", "commitment") == [phrase]


def test_a_department_named_in_full_width_letters_is_disclosed():
    name = "\uff23\uff41\uff42\uff49\uff4e\uff45\uff54 \uff2f\uff46\uff46\uff49\uff43\uff45"
    assert findings(f"{name}: our guidance is published.", "no-disclosure") == []


def test_findings_after_accented_and_look_alike_text_quote_the_right_characters():
    text = (
        "Croeso i\u2019r Swyddfa Gymreig, cafe\u0301 \u0175yr \u00fcber \uff10\uff10. "
        "Call 020 7946 0000 or mail name\uff20example.gov.uk."
    )
    assert excerpts(text, "phone-number") == ["020 7946 0000"]
    assert excerpts(text, "email-address") == ["name\uff20example.gov.uk"]


def test_ordinary_accented_text_gives_no_findings():
    text = (
        "Cabinet Office: croeso i\u2019r caf\u00e9 \u2013 \u00fcber die Br\u00fccke, "
        "\u0175yr a \u0175yres, cr\u00e8me br\u00fbl\u00e9e, na\u00efve co\u00f6peration."
    )
    assert check_post(text=text, channel="blog", department_names=["Cabinet Office"]) == []
