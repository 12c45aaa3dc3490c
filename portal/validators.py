"""Validators for text that reaches e-mail headers and pages about people.

A name travels into e-mail subjects ("An official post by … waits for your
sign-off"): a line break there makes the mail unsendable, and invisible
formatting characters (bidirectional overrides) can make a name read as
something else.
"""

import unicodedata

from django.core.exceptions import ValidationError

# Unicode's control (Cc) and format (Cf) characters: line breaks, tabs, NUL,
# bidirectional overrides, zero-width characters. An ordinary space is Zs.
CONTROL_CATEGORIES = frozenset({"Cc", "Cf"})


def validate_no_control_characters(value: str) -> None:
    found = next((c for c in value if unicodedata.category(c) in CONTROL_CATEGORIES), None)
    if found is not None:
        raise ValidationError(
            "Remove the line break, tab or invisible character (%(code_point)s): "
            "only letters, digits, spaces and punctuation are allowed.",
            code="control_character",
            params={"code_point": f"U+{ord(found):04X}"},
        )
