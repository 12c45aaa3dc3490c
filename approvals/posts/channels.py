"""Where a post goes out: each channel, its label and limit, how it counts a post's
length and whether it takes a thread. The form's live count (portal/static/js/
channel-count.mjs, which mirrors ``post_length``), the checks and the preview all read
these rules from here."""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from wcwidth import iter_graphemes


class Channel(StrEnum):
    """Where a post goes out, with its label and the platform's character limit.

    ``limit`` is None where there is no single limit to check against. Comments on
    another site have none: every site sets its own; nor do YouTube community posts:
    YouTube documents none for their text. X's is its standard limit; longer
    posts depend on the account's paid plan.
    """

    label: str
    limit: int | None

    # Every member names its label and limit; the defaults only let a lookup by
    # value, Channel("x"), read as the call it is to type checkers.
    def __new__(cls, value: str, label: str = "", limit: int | None = None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.limit = limit
        return member

    X = "x", "X (formerly Twitter)", 280
    LINKEDIN = "linkedin", "LinkedIn", 3000
    FACEBOOK = "facebook", "Facebook", 63206
    INSTAGRAM = "instagram", "Instagram", 2200
    THREADS = "threads", "Threads", 500
    BLUESKY = "bluesky", "Bluesky", 300
    YOUTUBE = "youtube", "YouTube (video description)", 5000
    YOUTUBE_COMMUNITY = "youtube_community", "YouTube community post", None
    BLOG = "blog", "Blog post", None
    COMMENT = "comment", "Comment on another site", None
    OTHER = "other", "Other", None

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, for a model or form field's ``choices``."""
        return [(member.value, member.label) for member in cls]

    @property
    def rules(self) -> "Rules":
        return RULES[self]

    @property
    def takes_threads(self) -> bool:
        return RULES[self].threads


class Counting(StrEnum):
    """How a channel counts the length of a post against its limit."""

    # twitter-text v3: see ``post_length``.
    X = "X's weighted count"
    # Unicode code points after NFC normalisation: an emoji of several code points (a
    # flag, a skin tone, a family) counts as each of them.
    CODE_POINTS = "characters"
    # Unicode extended grapheme clusters (UAX #29), what a reader sees as one character:
    # a flag or a family emoji counts as one.
    GRAPHEMES = "characters as the reader sees them"
    # Code points, but each emoji as the number of bytes it takes in UTF-8.
    EMOJI_AS_BYTES = "characters, each emoji as its bytes in UTF-8"


@dataclass(frozen=True)
class Rules:
    """How a channel counts and what it takes. Each part of a thread is a post of its own
    on the channel, counted against the channel's limit on its own."""

    counts: Counting
    # The channel publishes a thread: several posts, each a reply to the one before,
    # that readers read in order.
    threads: bool
    # Where the rule comes from.
    source: str


RULES: dict[Channel, Rules] = {
    Channel.X: Rules(
        Counting.X,
        threads=True,
        source="twitter-text configuration v3 (github.com/twitter/twitter-text, config/"
        "v3.json), which X's own composer uses; X's thread composer takes up to 25 posts",
    ),
    Channel.THREADS: Rules(
        Counting.EMOJI_AS_BYTES,
        threads=True,
        source="Threads API, Posts: 'Text posts are limited to 500 characters. Emojis are "
        "counted as the number of UTF-8 bytes.'; a thread is a chain of replies to one's "
        "own post",
    ),
    Channel.BLUESKY: Rules(
        Counting.GRAPHEMES,
        threads=True,
        source="AT Protocol lexicon app.bsky.feed.post: text of at most 300 graphemes; a "
        "thread is a chain of replies to one's own post. Links count as written: the app "
        "may show them shorter, so this count is the most they can take",
    ),
    # LinkedIn, Facebook and Instagram count characters as written and post one post,
    # with no chain of replies to it in the author's name.
    Channel.LINKEDIN: Rules(
        Counting.CODE_POINTS, threads=False, source="LinkedIn's limit for a post"
    ),
    Channel.FACEBOOK: Rules(
        Counting.CODE_POINTS, threads=False, source="Facebook's limit for a post"
    ),
    Channel.INSTAGRAM: Rules(
        Counting.CODE_POINTS, threads=False, source="Instagram's limit for a caption"
    ),
    Channel.YOUTUBE: Rules(
        Counting.CODE_POINTS, threads=False, source="YouTube's limit for a description"
    ),
    Channel.YOUTUBE_COMMUNITY: Rules(
        Counting.CODE_POINTS,
        threads=False,
        source="YouTube Help, 'Create posts' (support.google.com/youtube/answer/7124474), "
        "and the YouTube Data API posts resource: text, images or a poll in one post, no "
        "replies in the author's name; neither states a limit for the text",
    ),
    Channel.BLOG: Rules(Counting.CODE_POINTS, threads=False, source="no limit"),
    Channel.COMMENT: Rules(Counting.CODE_POINTS, threads=False, source="set by each site"),
    Channel.OTHER: Rules(Counting.CODE_POINTS, threads=False, source="not known"),
}

# The most parts a thread may have: X's thread composer takes 25 posts, the most of the
# channels that take threads.
MOST_PARTS = 25
# The longest a part after the first may be: more than any channel taking threads allows
# (Threads' 500), with room to say by how much a part is over its limit.
PART_MAX = 2_000


# The longest text a post may have: the longest channel's limit (Facebook's 63,206) and
# room to say by how much a post is over it. Forms and the database refuse longer text.
TEXT_MAX = 70_000


def post_length(text: str, channel: str) -> int:
    """The length of ``text`` as the channel counts it against its limit.

    X weighs characters as its own counter does (twitter-text configuration v3): after
    NFC normalisation, each link counts as 23, each emoji (however many code points make
    it up) as 2, Latin, Greek, Cyrillic and similar scripts and common punctuation as 1,
    and everything else (for example Chinese, Japanese and Korean) as 2. Bluesky counts
    graphemes; Threads counts code points but each emoji as its bytes in UTF-8; other
    channels count code points, all after NFC normalisation (see ``Counting``).
    """
    normalised = unicodedata.normalize("NFC", text)
    counts = Channel(channel).rules.counts
    if counts is Counting.CODE_POINTS:
        return len(normalised)
    if counts is Counting.GRAPHEMES:
        return sum(1 for _ in iter_graphemes(normalised))
    if counts is Counting.EMOJI_AS_BYTES:
        emoji = [match[0] for match in EMOJI.finditer(normalised)]
        return (
            len(normalised)
            - sum(map(len, emoji))
            + sum(len(each.encode("utf-8")) for each in emoji)
        )
    total = 0
    position = 0
    for start, end in link_spans(URL, normalised):
        total += _x_weight(normalised[position:start]) + _X_LINK_LENGTH
        position = end
    return total + _x_weight(normalised[position:])


_X_LINK_LENGTH = 23


# Links as X recognises them: with a scheme, or a bare domain on a common top-level
# domain ("gov.uk/guidance"), which X shortens all the same. X knows every top-level
# domain; these are the ones official posts use.
URL = re.compile(
    r"""
    (?<![\w@.\-/])
    (?:
        https?://[^\s<>"]++
      | (?:[a-z0-9-]++\.)+
        (?:uk|com|org|net|gov|int|eu|io|info|co|scot|wales|cymru|ie|blog|news|app|dev)
        (?![a-z0-9@-])
        (?:/[^\s<>"]*+)?
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


# Trailing punctuation ends the sentence, not the link.
_URL_TRAILING = ".,;:!?)]}'\"\u2019\u201d"


# twitter-text v3: code points outside these ranges weigh 2, all others 1.
_X_HEAVY = re.compile(r"[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


# X counts a whole emoji sequence (flag, skin tone, keycap, ZWJ family) as one emoji of
# weight 2, rather than each of its code points: a pair of regional indicators, or a
# pictograph or any character with a modifier after it, then modifiers or ZWJ joins.
_EMOJI_MODIFIERS = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"


EMOJI = re.compile(
    rf"""
    [\U0001f1e6-\U0001f1ff]{{2}}
  | (?:[\U0001f000-\U0001faff\u2600-\u27bf\u2300-\u23ff\u2b00-\u2bff]|.(?=[{_EMOJI_MODIFIERS}]))
    (?:[{_EMOJI_MODIFIERS}]|\u200d.)*+
    """,
    re.DOTALL | re.VERBOSE,
)


def _x_weight(text: str) -> int:
    rest, emoji = EMOJI.subn("", text)
    return len(rest) + len(_X_HEAVY.findall(rest)) + 2 * emoji


def link_spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Where each link matched by ``pattern`` starts and ends, less trailing punctuation."""
    for match in pattern.finditer(text):
        yield match.start(), match.start() + len(match[0].rstrip(_URL_TRAILING))


@dataclass(frozen=True)
class ImageRules:
    """What a channel takes in images: how many a post (or each part of a thread) may
    carry, how long each one's alt text may be, and how the channel crops them in a feed,
    as Wagtail rendition specs: ``one`` for a single image, ``several`` for each of two or
    more. None where the channel shows an image whole (resized, never cropped)."""

    most: int
    alt_text_limit: int
    one: str | None = None
    several: str | None = None

    def crop(self, count: int) -> str:
        """The rendition spec a preview draws each of ``count`` images with."""
        spec = self.one if count == 1 else self.several
        return spec or "max-480x480"


# As each platform documented it in 2026. No channel here takes more than four (X's most,
# and the most any post here carries); LinkedIn, Facebook and Instagram take more, but
# four is what the service signs off at once. A YouTube video description and a comment
# on another site carry no images. X crops one image to 16:9 and each of several to a
# near-square tile; Instagram crops to a square; LinkedIn and Facebook show one image
# whole and crop several to squares in a grid. A YouTube community post takes 1 to 10
# images (YouTube Data API, posts resource: "image posts, which contain 1 to 10
# images"), held to four likewise; YouTube asks for no alt text, so the service keeps
# X's 1,000 for its own records.
IMAGES: dict[Channel, ImageRules] = {
    Channel.X: ImageRules(4, 1000, "fill-480x270-c100", "fill-240x240-c100"),
    Channel.LINKEDIN: ImageRules(4, 300, None, "fill-240x240-c100"),
    Channel.FACEBOOK: ImageRules(4, 1000, None, "fill-240x240-c100"),
    Channel.INSTAGRAM: ImageRules(4, 100, "fill-480x480-c100", "fill-480x480-c100"),
    # Threads shows images whole, several side by side; Bluesky shows one whole and
    # crops several in a grid. Both take longer alt text than 1,000 characters, but the
    # service asks no more of them than of X.
    Channel.THREADS: ImageRules(4, 1000),
    Channel.BLUESKY: ImageRules(4, 1000, None, "fill-240x240-c100"),
    Channel.YOUTUBE: ImageRules(0, 0),
    Channel.YOUTUBE_COMMUNITY: ImageRules(4, 1000),
    Channel.BLOG: ImageRules(4, 1000),
    Channel.COMMENT: ImageRules(0, 0),
    Channel.OTHER: ImageRules(4, 1000),
}


def image_rules(channel: str) -> ImageRules:
    return IMAGES[Channel(channel)]
