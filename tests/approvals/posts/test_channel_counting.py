"""Each channel counts a post as the channel itself does (approvals/posts/channels.py):
examples for every channel, with emoji and links."""

import pytest

from approvals.posts import channels
from approvals.posts.channels import MOST_PARTS, RULES, Channel, Counting, post_length
from approvals.posts.checks import check_post

pytestmark = pytest.mark.unit

LINK = "https://www.gov.uk/guidance"  # 27 characters
WAVE = "\U0001f44b"  # one code point, 4 bytes in UTF-8
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 5 code points, 18 bytes
FLAG = "\U0001f1ec\U0001f1e7"  # 2 code points, 8 bytes
HEART = "\u2764\ufe0f"  # 2 code points, 6 bytes
ACCENT = "Cafe\u0301"  # NFC makes it 4 characters

EXAMPLES = {
    # text: (X, Threads, Bluesky, every other channel)
    "Plain words.": (12, 12, 12, 12),
    f"Read {LINK} now": (5 + 23 + 4, 36, 36, 36),
    f"Thanks {WAVE}": (7 + 2, 7 + 4, 7 + 1, 7 + 1),
    f"Family {FAMILY}": (7 + 2, 7 + 18, 7 + 1, 7 + 5),
    f"{FLAG} and {HEART}": (2 + 5 + 2, 8 + 5 + 6, 1 + 5 + 1, 2 + 5 + 2),
    ACCENT: (4, 4, 4, 4),
    "日本語": (6, 3, 3, 3),
    f"See gov.uk/guidance {WAVE}{WAVE}": (4 + 23 + 1 + 4, 4 + 15 + 1 + 8, 4 + 15 + 1 + 2, 22),
}


@pytest.mark.parametrize(("text", "lengths"), EXAMPLES.items())
def test_each_channel_counts_as_it_does(text, lengths):
    x, threads, bluesky, others = lengths
    assert post_length(text, Channel.X) == x
    assert post_length(text, Channel.THREADS) == threads
    assert post_length(text, Channel.BLUESKY) == bluesky
    for channel in (
        Channel.FACEBOOK,
        Channel.LINKEDIN,
        Channel.INSTAGRAM,
        Channel.YOUTUBE,
        Channel.YOUTUBE_COMMUNITY,
        Channel.BLOG,
    ):
        assert post_length(text, channel) == others, channel


def test_limits_and_ways_of_counting():
    assert {channel: (channel.limit, channel.rules.counts) for channel in Channel} == {
        Channel.X: (280, Counting.X),
        Channel.THREADS: (500, Counting.EMOJI_AS_BYTES),
        Channel.BLUESKY: (300, Counting.GRAPHEMES),
        Channel.LINKEDIN: (3000, Counting.CODE_POINTS),
        Channel.FACEBOOK: (63206, Counting.CODE_POINTS),
        Channel.INSTAGRAM: (2200, Counting.CODE_POINTS),
        Channel.YOUTUBE: (5000, Counting.CODE_POINTS),
        Channel.YOUTUBE_COMMUNITY: (None, Counting.CODE_POINTS),
        Channel.BLOG: (None, Counting.CODE_POINTS),
        Channel.COMMENT: (None, Counting.CODE_POINTS),
        Channel.OTHER: (None, Counting.CODE_POINTS),
    }


def test_only_x_threads_and_bluesky_take_threads_of_up_to_25_parts():
    assert [channel for channel in Channel if channel.takes_threads] == [
        Channel.X,
        Channel.THREADS,
        Channel.BLUESKY,
    ]
    assert MOST_PARTS == 25


def test_every_rule_names_its_source():
    assert set(RULES) == set(Channel)
    assert all(rules.source for rules in RULES.values())


def test_too_long_says_how_the_channel_counted():
    [finding] = [
        finding
        for finding in check_post(text="a" * 490 + WAVE * 3, channel="threads")
        if finding.code == "too-long"
    ]
    assert finding.message.startswith(
        "The post is 502 characters long. Threads allows up to 500 characters, counting "
        "each emoji as the bytes it takes (most take 4)."
    )
    assert not [
        finding
        for finding in check_post(text="a" * 297 + FAMILY * 3, channel="bluesky")
        if finding.code == "too-long"
    ]


@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_says_what_images_it_takes(channel):
    # A channel missing here failed every page that previews its posts.
    assert channels.image_rules(channel).most >= 0
