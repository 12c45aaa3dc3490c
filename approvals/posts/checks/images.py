"""The Government Communication Service's guidance on accessible social media, for the
images of a post: a screen reader reads out an image's alt text in its place, so it must
be there and must describe the image.

The rules, as these checks apply them:

- every image has alt text;
- the alt text is not a file name ("IMG_2034.jpg", "photo.png", "DSC_0042", or the
  image's own file name): that is what a screen reader says when nobody wrote any;
- it does not start "image of", "picture of", "photo of" (or "a photo of"...): the
  screen reader has already said it is an image;
- a warning where it repeats the post's text (in a thread, its own part's) word for word
  (``_FEWEST_REPEATED`` words or more): the listener hears the same words twice and
  learns nothing of the image;
- within the channel's alt text limit, and no more images than the channel takes
  (``approvals/posts/channels.py``).

Pure Python: what the checks read of each image is given to them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from approvals.posts.channels import Channel, image_rules
from approvals.posts.checks.findings import Code, Finding, make_finding
from approvals.posts.checks.reading import Reading

_ADVICE = "Government Communication Service guidance on accessible social media"
_FEWEST_REPEATED = 4

_IMAGE_EXTENSION = r"(?:jpe?g|png|gif|webp|heic|heif|tiff?|bmp|svg|avif)"
_FILE_NAME = re.compile(
    rf"""
    [^\s/\\]*\.{_IMAGE_EXTENSION}
  | (?:img|dsc[nf]?|pxl|mvimg|dcim|screenshot|screen[ _-]shot|image|photo|pic)[ _-]?\d[\w -]*+
    """,
    re.IGNORECASE | re.VERBOSE,
)
_IMAGE_OF = re.compile(
    r"(?:an?\s++|the\s++)?(?:image|picture|photo|photograph|pic|graphic)\s++of\b", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]++(?:['\u2019][^\W_]++)*+")


@dataclass(frozen=True)
class ImageSeen:
    """What the checks read of one image: its alt text and the file it was uploaded as."""

    alt_text: str
    file_name: str = ""
    part: int = 0


def image_findings(
    *, text: str, channel: str, images: Sequence[ImageSeen], further_parts: Sequence[str] = ()
) -> list[Finding]:
    """Every finding on the images of a post whose text is ``text``, in image order. In a
    thread (``further_parts`` after the first part, ``text``) each finding says which part
    it is about ("Part 2: ..."), as the text's findings do, and an image's alt text is
    compared with its own part's text."""
    if not images:
        return []
    parts = [text, *further_parts]
    thread = len(parts) > 1
    findings = []
    for part in sorted({image.part for image in images}):
        in_part = [image for image in images if image.part == part]
        own_text = parts[part] if part < len(parts) else ""
        found = _part_findings(own_text, channel, in_part, "part" if thread else "post")
        if thread:
            found = [
                replace(finding, message=f"Part {part + 1}: {finding.message}") for finding in found
            ]
        findings += found
    return findings


def _part_findings(
    text: str, channel: str, images: Sequence[ImageSeen], whole: str
) -> list[Finding]:
    rules = image_rules(channel)
    findings = _too_many(images, Channel(channel), rules.most, whole)
    text_words = _words(Reading(text).text)
    several = len(images) > 1
    for number, image in enumerate(images, start=1):
        which = f"Image {number}" if several else "The image"
        alt = Reading(image.alt_text).text.strip()
        if not alt:
            findings.append(
                make_finding(
                    Code.NO_ALT_TEXT,
                    f"{which} has no alt text. Describe what it shows, so that people who "
                    f"cannot see it know ({_ADVICE}).",
                )
            )
            continue
        if rules.alt_text_limit and len(alt) > rules.alt_text_limit:
            findings.append(
                make_finding(
                    Code.ALT_TEXT_TOO_LONG,
                    f"{which}'s alt text is {len(alt):,} characters long. "
                    f"{Channel(channel).label} takes up to {rules.alt_text_limit:,}: "
                    "shorten it, or put the detail in the post.",
                    image.alt_text,
                )
            )
        if _is_file_name(alt, image.file_name):
            findings.append(
                make_finding(
                    Code.ALT_TEXT_FILE_NAME,
                    f"{which}'s alt text, “{image.alt_text}”, is a file name. Describe what "
                    f"the image shows instead ({_ADVICE}).",
                    image.alt_text,
                )
            )
        elif opening := _IMAGE_OF.match(alt):
            findings.append(
                make_finding(
                    Code.ALT_TEXT_IMAGE_OF,
                    f"{which}'s alt text starts “{opening[0]}”. Screen readers already say "
                    f"it is an image: start with what it shows ({_ADVICE}).",
                    image.alt_text,
                )
            )
        if _repeats(_words(alt), text_words):
            findings.append(
                make_finding(
                    Code.ALT_TEXT_REPEATS_TEXT,
                    f"Warning: {which}'s alt text repeats the {whole}'s text word for word, so "
                    "someone using a screen reader hears it twice and learns nothing of the "
                    f"image. Describe the image instead ({_ADVICE}).",
                    image.alt_text,
                )
            )
    return findings


def _too_many(
    images: Sequence[ImageSeen], channel: Channel, most: int, whole: str
) -> list[Finding]:
    """The images of one part, against what the channel takes in each post."""
    over = len(images)
    if over <= most:
        return []
    takes = f"takes up to {most}" if most else "takes none"
    return [
        make_finding(
            Code.TOO_MANY_IMAGES,
            f"The {whole} has {over} images. {channel.label} {takes}: remove "
            f"{over - most} so that the post goes out as it was signed off.",
        )
    ]


def _is_file_name(alt: str, file_name: str) -> bool:
    if _FILE_NAME.fullmatch(alt):
        return True
    if not file_name:
        return False
    path = PurePosixPath(file_name.casefold())
    # A file named in words ("minister at the launch.jpg") may well be described by them.
    return alt.casefold() in {path.name, path.stem} and " " not in path.stem


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _repeats(alt: list[str], text: list[str]) -> bool:
    """Whether one of the alt text and the post's text is the other, or a run of its
    words, of at least ``_FEWEST_REPEATED`` words."""
    shorter, longer = sorted((alt, text), key=len)
    size = len(shorter)
    if size < _FEWEST_REPEATED:
        return False
    return any(longer[start : start + size] == shorter for start in range(len(longer) - size + 1))
