"""The source documents are read into passages without losing or changing a word."""

import re

import pytest

from guidance import sources

pytestmark = pytest.mark.unit


def raw_paragraphs_2008():
    text = sources.GUIDANCE_2008.read_text(encoding="utf-8")
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    cleaned = [re.sub(r"^#+ |\*\*|[<>]", "", paragraph) for paragraph in paragraphs]
    # The cover's logotype and the description of its artwork are not guidance.
    cover = ("CabinetOffice", "A large, thick, blue wavy graphic")
    return [p for p in cleaned if not p.startswith(cover)]


def all_passages(source):
    passages = [
        source.guidance_title,
        source.guidance_subtitle,
        source.guidance_date,
        source.guidance_strapline,
        source.principles_heading,
        source.code_heading,
        *source.code_paragraphs,
        f"{source.code_link_text} {source.code_url}",
    ]
    for principle in source.principles:
        passages += [f"{principle.number}. {principle.title}", principle.statement]
    return passages


def test_every_paragraph_of_the_2008_guidance_is_a_passage_word_for_word():
    passages = " | ".join(all_passages(sources.load()))
    for paragraph in raw_paragraphs_2008():
        assert paragraph.rstrip(".") in passages, paragraph


def test_the_2009_republication_carries_the_same_principles_and_code_paragraphs():
    text = " ".join(sources.PRINCIPLES_2009.read_text(encoding="utf-8").split())
    source = sources.load()
    for principle in source.principles:
        assert f"{principle.number}. {principle.title} {principle.statement}" in text
    for paragraph in source.code_paragraphs:
        assert paragraph in text
    assert source.introduction_2009 in text
    assert source.introduction_2009.startswith("Published in 2009 after much internal discussion")


def test_five_principles_with_their_one_line_statements():
    principles = sources.load().principles
    assert [p.title for p in principles] == [
        "Be credible",
        "Be consistent",
        "Be responsive",
        "Be integrated",
        "Be a civil servant",
    ]
    assert principles[0].statement == "Be accurate, fair, thorough and transparent."


def test_a_document_that_lost_its_principles_is_refused_not_half_seeded():
    text = sources.GUIDANCE_2008.read_text(encoding="utf-8").replace("### 3. Be responsive", "")
    with pytest.raises(sources.SourceFormatError):
        sources.parse_2008(text)
