"""What an attacker, or a careless paste, sends to the forms, and how the tests of
hostile input post it and read what comes back.

Each form is posted through its real view by someone entitled to use it,
with text that is very long, full of control characters, other scripts and
emoji, markup and ``javascript:`` links; with dates and times that do not
exist; and with hidden fields forged to name other posts, versions,
departments, people and authorities, and fields the form never had. Whatever
comes in: no error page, nothing stored that should not be, and anything
shown back escaped.

Every example runs in a savepoint rolled back after it (``undone``), so each
starts from the same organisation (``tests/approvals/conftest.py``).
"""

import re
from contextlib import contextmanager
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st

hostile = settings(
    max_examples=30,
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
JAVASCRIPT = "javascript:alert(1)"
PAYLOADS = [
    SCRIPT,
    IMAGE,
    SVG,
    JAVASCRIPT,
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{ request.user.password }}{% debug %}",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\x00",
    "\x1b[31m",
    "\u202e",  # right-to-left override
    "\ufeff",
    "\r\n",
    "%00",
    "a<script>alert(1)</script>b@example.com",  # matches the personal-details check
    "Call 020 7946 0000 <script>alert(1)</script>",
    "\u0661\u0662\u0663",  # Arabic-Indic digits
    "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # emoji with a skin tone and a joiner
    "\u4e2d\u6587 \u05e2\u05d1\u05e8\u05d9\u05ea \u0928\u092e\u0938\u094d\u0924\u0947",
    "\U0001d518\U0001d52b\U0001d526",  # mathematical letters
]
# What must never reach a page unescaped.
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>"]
JAVASCRIPT_HREF = re.compile(r"""(href|src|action)\s*=\s*["']?\s*(java\s*script|data):""", re.I)

payloads = st.sampled_from(PAYLOADS)
# Hostile, yet what a form should accept as a reason or a comment.
accepted_text = st.sampled_from([p for p in PAYLOADS if p.strip() and "\x00" not in p])
long_text = st.builds(
    lambda unit, times: (unit * times)[:100_000],
    st.sampled_from([*PAYLOADS, "a", "word "]),
    st.integers(min_value=500, max_value=100_000),
)
hostile_text = st.one_of(
    payloads,
    st.text(max_size=300),  # any Unicode: control characters, other scripts, emoji
    st.lists(st.one_of(payloads, st.text(max_size=20)), min_size=1, max_size=8).map("".join),
    long_text,
)
hostile_link = st.one_of(
    st.just(""),
    st.just("https://www.gov.uk/guidance"),
    st.sampled_from(
        [
            JAVASCRIPT,
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "java\nscript:alert(1)",
            "javascript://www.gov.uk/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            'https://www.gov.uk/"><img src=x onerror=alert(1)>',
            "https://www.gov.uk/<script>alert(1)</script>",
            "//evil.example/",
            "https://evil.example@www.gov.uk/",
            "http://insecure.example/",
            "https://" + "a" * 600 + ".example",
        ]
    ),
    hostile_text,
)
# Integers a form may be asked to take as an id: real-looking, negative, far too big.
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from(["0", "-1", "1e3", "0x10", " 1", "1.5", "", "9" * 30, "NaN"]),
    hostile_text,
).map(str)
day_month_year = st.tuples(
    *[
        st.one_of(
            st.sampled_from(
                ["31", "29", "0", "13", "-1", "99999", "", "x", "\u0663", "1\n", "9" * 30]
            ),
            st.integers(min_value=-(10**6), max_value=10**6).map(str),
            st.text(max_size=6),
        )
    ]
    * 3
)
MALFORMED_DATES = [
    ("31", "2", "2031"),
    ("29", "2", "2031"),
    ("0", "13", "2031"),
    ("1", "1", "99999"),
    ("-1", "1", "2031"),
    ("1", "1", "0"),
    ("x", "y", "z"),
    ("31", "12", "9999"),
    ("1", "1", "9" * 5000),
]
hostile_date = st.one_of(st.sampled_from(MALFORMED_DATES), day_month_year)
hostile_time = st.one_of(
    st.sampled_from(
        [
            *["24:00", "23:60", "9.30", "-1:00", "99:99", "", "\u0661\u0662:\u0663\u0660"],
            *["12:30\n", "12:30:00", "noon", "0930", "9:3", "23:59", "00:00", " 9:30 ", "\x00"],
        ]
    ),
    st.text(max_size=8),
)
extra_fields = st.dictionaries(
    st.sampled_from(["csrfmiddlewaretoken", "is_superuser", "id", "pk", "__proto__", "x" * 200]),
    hostile_text,
    max_size=2,
)

# How a checkbox may come back.
checkbox = st.one_of(st.none(), st.sampled_from(["on", "true", "false", "0", "", "off"]), payloads)


def as_number(value) -> int | None:
    """How an integer field reads what was posted."""
    try:
        return forms.IntegerField().clean(value)
    except ValidationError:
        return None


def ticked(value) -> bool:
    """How a checkbox's posted value reads (Django's CheckboxInput and BooleanField)."""
    return value is not None and value != "" and value.lower() != "false"


def future(days=30):
    return timezone.localdate() + timedelta(days=days)


def date_fields(prefix: str, parts) -> dict:
    return {f"{prefix}_{i}": value for i, value in enumerate(parts)}


@contextmanager
def undone():
    """Whatever happens inside is rolled back: each example starts alike."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_escaped(response) -> None:
    """Nothing that came in is shown back as markup, or made into a link."""
    assert response.status_code < 500, f"{response.status_code} from the server"
    if currently_in_test_context():  # for --hypothesis-show-statistics
        event(f"answered {response.status_code}")
    body = response.content.decode(errors="replace")
    for markup in MARKUP:
        assert markup not in body, f"{markup!r} shown unescaped"
    match = JAVASCRIPT_HREF.search(body)
    assert match is None, f"a link to {match.group(0)!r}"


def as_user(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client
