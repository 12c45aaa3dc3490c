"""The Government Communication Service's guidance on accessible social media: what makes a
post hard to follow for someone using a screen reader, or reading with dyslexia or low
vision.

The rules, as these checks apply them:

- a hashtag of several words is in camel case (#CivilService): an all-lowercase tag is
  flagged when it is several words run together (#civilservicejobs; ``hashtag_words``
  says which are). A short lowercase tag (#nhs, #budget), an all-capitals one (#NHS) and
  a mixed-case one are fine: a screen reader reads the first as the word it is, the
  second letter by letter, and each word of the third;
- at most ``_MOST_HASHTAGS`` hashtags, all after the last word of the post;
- at most ``_MOST_LINKS`` link, counting the post's separate link field;
- at most ``_MOST_EMOJI`` emoji, none between two words of a sentence ("we 💚 the NHS"):
  an emoji between a word and a word in lower case, which goes on the sentence;
- sentences of at most ``_MOST_WORDS`` words; a sentence ends at a full stop, question
  or exclamation mark before a space, or at a line break;
- no text in capitals but short acronyms: two or more words in capitals one after the
  other (each of two letters or more, without digits: "SW1A 2AA" is a postcode), or one
  of more than ``_LONGEST_ACRONYM`` letters, are flagged; "NHS", "HMRC", "GOV.UK" are
  fine, and so, wrongly, is a single short word such as "NOW", which nothing tells from
  an acronym, while a long acronym standing alone ("UNESCO") is flagged."""

import re
from collections.abc import Iterator

from approvals.posts.channels import EMOJI, URL, link_spans
from approvals.posts.checks.findings import (
    MOST_QUOTED,
    Code,
    Finding,
    make_finding,
    more_than_listed,
    quoting,
)
from approvals.posts.checks.hashtag_words import several_words_in_lower_case
from approvals.posts.checks.reading import Reading, mask

_MOST_HASHTAGS = 2
_MOST_LINKS = 1
_MOST_EMOJI = 3
_MOST_WORDS = 25
_LONGEST_ACRONYM = 5

_ADVICE = "Government Communication Service guidance on accessible social media"

# A hashtag as the platforms link it: "#" not inside a word or an HTML entity, then a
# word with a letter in it ("#1" is not a tag).
_HASHTAG = re.compile(r"(?<![\w&#])#\w++")
_MENTION = re.compile(r"(?<![\w@])@\w++")
_TOKEN = re.compile(r"\S++")

# Punctuation around a word that is not part of it: "(NHS)," is the word NHS.
_AROUND_WORDS = ".,;:!?()[]{}'\"\u2018\u2019\u201c\u201d\u2026-\u2013\u2014/*"
_CLOSERS = ")]}'\"\u2019\u201d*"
_SENTENCE_ENDS = ".!?\u2026"


def accessibility(reading: Reading, link: Reading) -> list[Finding]:
    """Every accessibility finding on the post: the text as read, and the link field."""
    without_links = mask(reading.text, URL)
    hashtags = [match for match in _HASHTAG.finditer(without_links) if _has_letter(match[0])]
    without_tags = mask(mask(without_links, _HASHTAG), _MENTION)
    return [
        *_hashtags_in_lower_case(hashtags, reading),
        *_too_many_hashtags(hashtags),
        *_hashtags_before_the_end(hashtags, without_tags, reading),
        *_too_many_links(reading, link),
        *_too_many_emoji(reading.original),
        *_emoji_for_words(reading.original),
        *_long_sentences(mask(reading.text, URL), reading),
        *_capitals(without_tags, reading),
    ]


def _has_letter(text: str) -> bool:
    return any(character.isalpha() for character in text)


# --- Hashtags ---------------------------------------------------------------------------


def _hashtags_in_lower_case(hashtags: list[re.Match[str]], reading: Reading) -> list[Finding]:
    return quoting(
        Code.HASHTAG_CASE,
        "hashtags in lower case",
        lambda excerpt: (
            f"The hashtag {excerpt} is in lower case. Write each word of a hashtag with a "
            "capital letter (#CivilServiceJobs, not #civilservicejobs) so that screen "
            f"readers read out its words ({_ADVICE})."
        ),
        (
            (match[0], reading.quote(*match.span()))
            for match in hashtags
            if several_words_in_lower_case(match[0][1:])
        ),
        key=str.casefold,
    )


def _too_many_hashtags(hashtags: list[re.Match[str]]) -> list[Finding]:
    # The same tag twice is read out twice.
    count = len(hashtags)
    if count <= _MOST_HASHTAGS:
        return []
    return [
        make_finding(
            Code.TOO_MANY_HASHTAGS,
            f"The post has {count} hashtags. Use no more than {_MOST_HASHTAGS}: a screen "
            f"reader reads out every one, and many get in the way of the message ({_ADVICE}).",
        )
    ]


def _hashtags_before_the_end(
    hashtags: list[re.Match[str]], without_tags: str, reading: Reading
) -> list[Finding]:
    last_word = _last_word_end(without_tags)
    return quoting(
        Code.HASHTAG_PLACEMENT,
        "hashtags before the end of the post",
        lambda excerpt: (
            f"The hashtag {excerpt} comes before the end of the post. Put hashtags at the "
            "end, after the message, so that a screen reader does not break a sentence to "
            f"read them out ({_ADVICE})."
        ),
        (
            (match[0], reading.quote(*match.span()))
            for match in hashtags
            if match.start() < last_word
        ),
        key=str.casefold,
    )


def _last_word_end(text: str) -> int:
    """Where the last letter or digit outside hashtags, mentions and links is."""
    for index in range(len(text) - 1, -1, -1):
        if text[index].isalnum():
            return index
    return -1


# --- Links and emoji --------------------------------------------------------------------


def _too_many_links(text: Reading, link: Reading) -> list[Finding]:
    links = {
        source.text[start:end].casefold().rstrip("/")
        for source in (text, link)
        for start, end in link_spans(URL, source.text)
    }
    if len(links) <= _MOST_LINKS:
        return []
    counting = ", counting the link field" if link.text.strip() else ""
    return [
        make_finding(
            Code.TOO_MANY_LINKS,
            f"The post has {len(links)} links{counting}. Use no more than one, so that "
            f"readers know where to go ({_ADVICE}).",
        )
    ]


# Emoji are counted in the author's own text: reading it drops the zero-width joiners
# that make a family or a profession one emoji of several characters.
_SPACE = r"[^\S\n]*+"
_EMOJI_FOR_WORD = re.compile(
    rf"""
    \w{_SPACE}
    ((?:{EMOJI.pattern})(?:{_SPACE}(?:{EMOJI.pattern}))*+)
    {_SPACE}(?=(\w))
    """,
    re.DOTALL | re.VERBOSE,
)


def _too_many_emoji(text: str) -> list[Finding]:
    count = sum(1 for _ in EMOJI.finditer(text))
    if count <= _MOST_EMOJI:
        return []
    return [
        make_finding(
            Code.TOO_MANY_EMOJI,
            f"The post has {count} emoji. Use no more than {_MOST_EMOJI}: a screen reader "
            f"reads out the description of each one ({_ADVICE}).",
        )
    ]


def _emoji_for_words(text: str) -> list[Finding]:
    return quoting(
        Code.EMOJI_FOR_WORDS,
        "emoji in place of words",
        lambda excerpt: (
            f"The emoji {excerpt} stands in place of a word in a sentence. Write the word: "
            "a screen reader reads out the emoji's description, which may not be what you "
            f"mean ({_ADVICE})."
        ),
        (
            (match[1], match[1])
            for match in _EMOJI_FOR_WORD.finditer(text)
            # A capital after it most likely starts the next sentence.
            if match[2].islower() or match[2].isdigit()
        ),
        key=str,
    )


# --- Sentences and capitals -------------------------------------------------------------

_QUOTED_WORDS = 8


def _long_sentences(text: str, reading: Reading) -> list[Finding]:
    findings: list[Finding] = []
    for words in _sentences(text):
        if len(words) <= _MOST_WORDS:
            continue
        if len(findings) == MOST_QUOTED:
            return [*findings, more_than_listed(Code.LONG_SENTENCE, "long sentences")]
        shown = words[min(_QUOTED_WORDS, len(words)) - 1].end()
        excerpt = reading.quote(words[0].start(), shown)
        findings.append(
            make_finding(
                Code.LONG_SENTENCE,
                f"The sentence starting \u201c{excerpt}\u2026\u201d has {len(words)} words. "
                f"Keep sentences to {_MOST_WORDS} words or fewer so that they are easy to "
                f"follow ({_ADVICE}).",
                excerpt,
            )
        )
    return findings


def _sentences(text: str) -> Iterator[list[re.Match[str]]]:
    """Each sentence's words (tokens with a letter or digit in them)."""
    words: list[re.Match[str]] = []
    previous_end = 0
    for token in _TOKEN.finditer(text):
        if words and "\n" in text[previous_end : token.start()]:
            yield words
            words = []
        previous_end = token.end()
        if any(character.isalnum() for character in token[0]):
            words.append(token)
        if words and token[0].rstrip(_CLOSERS).endswith(tuple(_SENTENCE_ENDS)):
            yield words
            words = []
    if words:
        yield words


def _capitals(text: str, reading: Reading) -> list[Finding]:
    def runs() -> Iterator[tuple[str, str]]:
        for run in _runs_in_capitals(text):
            longest = max(_letters(token[0]) for token in run)
            if len(run) >= 2 or longest > _LONGEST_ACRONYM:
                start, end = run[0].start(), run[-1].end()
                yield text[start:end], reading.quote(start, end).strip(_AROUND_WORDS)

    return quoting(
        Code.CAPITALS,
        "passages in capitals",
        lambda excerpt: (
            f"The post has text in capitals ({excerpt}). Write it in sentence case: text in "
            "capitals is harder to read, and some screen readers spell it out letter by "
            f"letter. Short acronyms such as NHS are fine ({_ADVICE})."
        ),
        runs(),
        key=lambda run: " ".join(run.strip(_AROUND_WORDS).split()),
    )


def _has_digit(token: str) -> bool:
    return any(character.isdigit() for character in token)


def _letters(token: str) -> int:
    return sum(1 for character in token if character.isalpha())


def _runs_in_capitals(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of words in capitals, each of two letters or more, one after the other with
    only spaces between them: "NHS, HMRC" is two runs, and so is a line break."""
    run: list[re.Match[str]] = []
    for token in _TOKEN.finditer(text):
        word = token[0].strip(_AROUND_WORDS)
        # A word with digits in it is a code, such as a postcode, not a word in capitals.
        in_capitals = _letters(word) >= 2 and word.isupper() and not _has_digit(word)
        goes_on = (
            in_capitals
            and run
            and run[-1][0].rstrip(_AROUND_WORDS) == run[-1][0]
            and "\n" not in text[run[-1].end() : token.start()]
        )
        if run and not goes_on:
            yield run
            run = []
        if in_capitals:
            run.append(token)
    if run:
        yield run
