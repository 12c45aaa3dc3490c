"""Any two versions of a post, however hostile, give an approver a view of what changed
that puts back together into each version, and in a moment."""

import random

import pytest
from hypothesis import given

from approvals.posts.diffs import word_diff
from tests.security.hostile import hostile, hostile_text

pytestmark = pytest.mark.unit


@hostile
@given(before=hostile_text, after=hostile_text)
def test_what_changed_is_exactly_the_two_versions(before, after):
    """The approver's view of the changes puts back together into each version."""
    pieces = word_diff(before, after)
    assert "".join(p.text for p in pieces if p.kind != "removed") == after
    assert "".join(p.text for p in pieces if p.kind != "added") == before


def test_a_long_post_rewritten_throughout_is_shown_changed_whole():
    """Word by word, two long versions took the server minutes to compare: an
    author could make their approver's page time out. Beyond about a thousand
    words, what changed is shown whole."""
    rng = random.Random(1)
    words = [f"w{rng.randrange(60)}" for _ in range(6_000)]
    before = " ".join(words)
    rng.shuffle(words)
    after = "Cabinet Office: " + " ".join(words) + " Thank you."
    pieces = word_diff(before, after)
    assert [p.kind for p in pieces] == ["removed", "added"]
    small_edit = word_diff(before, before.replace(" ", " changed ", 1))
    assert [p.kind for p in small_edit] == ["same", "added", "same"]
