"""The names an account takes from what the identity provider says: plain
Python, no database."""

import pytest

from portal.sso.accounts import names

pytestmark = pytest.mark.unit


def test_names_without_line_breaks_or_invisible_characters():
    assert names({"given_name": "Alex\r\nBcc: x", "family_name": "Au\u202ethor"}) == (
        "Alex Bcc: x",
        "Author",
    )
    assert names({"name": "Alex van Author"}) == ("Alex van", "Author")
    assert names({"name": "Alex"}) == ("Alex", "")
    assert names({}) == ("", "")
