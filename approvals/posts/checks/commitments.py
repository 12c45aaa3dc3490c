"""Civil Service Code: make no commitments on behalf of Government unless authorised."""

import re

from approvals.posts.checks.findings import Code, Finding, matches, quoting
from approvals.posts.checks.reading import Reading, folded

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


def commitments(text: str, reading: Reading) -> list[Finding]:
    return quoting(
        Code.COMMITMENT,
        "phrases that commit the Government",
        lambda excerpt: (
            f'The post contains language that commits the Government ("{excerpt}"). Do not '
            "make commitments on behalf of Government unless you are authorised to do so. "
            "If you have any doubts, ask your line manager."
        ),
        matches(_COMMITMENT, text, reading),
        key=lambda phrase: folded(phrase).replace("\u2019", "'"),
    )
