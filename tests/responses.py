"""Comparing two pages as a person would see them."""

import re

# The sign-out form's token is masked afresh for every response, the way
# back after signing in again is the address asked for, and the session's
# seconds left count down between two responses.
_PER_RESPONSE = re.compile(
    rb'name="csrfmiddlewaretoken" value="[^"]+"|next=/[\w/-]*|data-\w+-seconds-left="\d+"'
)


def alike(first: bytes, second: bytes) -> bool:
    """Whether two responses say the same, apart from what every response varies."""
    return _PER_RESPONSE.sub(b"", first) == _PER_RESPONSE.sub(b"", second)
