"""The accessibility checks on a post's images (Government Communication Service guidance
on accessible social media): what each finds, and what each lets through."""

import pytest

from approvals.posts.checks.findings import ACCESSIBILITY_CODES, Principle
from approvals.posts.checks.images import ImageSeen, image_findings

pytestmark = pytest.mark.unit

TEXT = "Cabinet Office: the new guidance on taking part online is published today."


def codes(*alts, text=TEXT, channel="x", file_name=""):
    images = [ImageSeen(alt_text=alt, file_name=file_name) for alt in alts]
    return [finding.code for finding in image_findings(text=text, channel=channel, images=images)]


def test_each_image_finding_names_its_rule_and_source():
    found = image_findings(
        text=TEXT,
        channel="x",
        images=[ImageSeen(""), ImageSeen("IMG_2034.jpg"), ImageSeen("Image of a minister")],
    )
    assert [finding.code for finding in found] == [
        "no-alt-text",
        "alt-text-file-name",
        "alt-text-image-of",
    ]
    for finding in found:
        assert finding.principle == Principle.ACCESSIBLE.value
        assert "Government Communication Service" in finding.principle
        assert finding.code in ACCESSIBILITY_CODES
    # Which image, so the author knows which to change.
    assert found[1].message.startswith("Image 2's alt text, “IMG_2034.jpg”, is a file name")


@pytest.mark.parametrize("alt", ["", "   ", "\u200b"])
def test_an_image_without_alt_text_is_found(alt):
    assert codes(alt) == ["no-alt-text"]


@pytest.mark.parametrize(
    "alt",
    ["IMG_2034.jpg", "photo.png", "DSC_0042", "IMG_2034", "Screenshot 2026-03-01", "a.JPEG"],
)
def test_alt_text_that_is_a_file_name_is_found(alt):
    assert codes(alt) == ["alt-text-file-name"]


def test_alt_text_that_is_the_images_own_file_name_is_found():
    assert codes("launch-day-final", file_name="launch-day-final.png") == ["alt-text-file-name"]


@pytest.mark.parametrize(
    "alt",
    [
        "Image of the minister at the launch",
        "picture of a crowd",
        "Photo of Whitehall in the snow",
        "A photo of the team",
        "photograph of the building",
    ],
)
def test_alt_text_starting_image_of_is_found(alt):
    assert codes(alt) == ["alt-text-image-of"]


@pytest.mark.parametrize(
    "alt",
    [
        "The minister cuts a ribbon outside 70 Whitehall",
        "Bar chart: applications rose from 2,000 in 2024 to 3,500 in 2025",
        "Photographer's view of Horse Guards Parade at dawn",  # starts "photo", not "photo of"
        "Images from the day, in a collage of four",
        "Launch day.",  # a sentence with a full stop is not a file name
        "Minister at the launch",  # the file's name in words, describing it
    ],
)
def test_alt_text_that_describes_the_image_is_fine(alt):
    assert codes(alt, file_name="Minister at the launch.jpg") == []


def test_a_warning_where_the_alt_text_repeats_the_post_word_for_word():
    found = image_findings(
        text=TEXT,
        channel="x",
        images=[ImageSeen("The new guidance on taking part online is published today")],
    )
    assert [finding.code for finding in found] == ["alt-text-repeats-text"]
    assert found[0].message.startswith("Warning:")
    # Case and punctuation aside, the whole post as the alt text is the same.
    assert codes(TEXT.upper()) == ["alt-text-repeats-text"]


@pytest.mark.parametrize(
    "alt",
    [
        "The guidance on a table beside a laptop",  # shares words, not a run of them
        "Guidance published",  # too short a run to be a repetition
        "Cover of the new guidance, white text on a blue background",
    ],
)
def test_alt_text_sharing_some_words_with_the_post_is_fine(alt):
    assert codes(alt) == []


def test_more_images_than_the_channel_takes_is_found_per_part():
    four = ["A crowd outside", "A stage", "A speaker", "A banner"]
    assert codes(*four, channel="x") == []
    assert codes(*four, "A fifth", channel="x") == ["too-many-images"]
    assert codes("A crowd outside", channel="youtube") == ["too-many-images"]
    assert codes(*four, channel="youtube_community") == []
    assert codes(*four, "A fifth", channel="youtube_community") == ["too-many-images"]
    threaded = [ImageSeen(alt, part=part) for part in (0, 1) for alt in four]
    assert image_findings(text=TEXT, channel="x", images=threaded) == []


def test_alt_text_longer_than_the_channel_takes_is_found():
    long = "A crowd gathers outside the building " * 4  # 148 characters
    assert codes(long, channel="instagram") == ["alt-text-too-long"]
    assert codes(long, channel="x") == []


def test_no_images_no_findings():
    assert image_findings(text=TEXT, channel="x", images=[]) == []


def test_in_a_thread_each_finding_names_its_part_and_reads_its_own_text():
    parts = {"further_parts": ["Be accurate, fair, thorough and transparent."]}
    repeats_part_2 = ImageSeen("be accurate, fair, thorough and transparent", part=1)
    [found] = image_findings(text=TEXT, channel="x", images=[repeats_part_2], **parts)
    assert found.message.startswith("Part 2: Warning: The image's alt text repeats the part's")
    # The same words with the first part, whose text they do not repeat, are fine.
    with_part_1 = ImageSeen("be accurate, fair, thorough and transparent", part=0)
    assert image_findings(text=TEXT, channel="x", images=[with_part_1], **parts) == []
    five = [ImageSeen(f"A chart, number {n}", part=1) for n in range(5)]
    [too_many] = image_findings(text=TEXT, channel="x", images=five, **parts)
    assert too_many.message.startswith("Part 2: The part has 5 images. X (formerly Twitter)")
