"""The source documents in ``guidance/content/``, read into their passages.

Seeding loads these passages into pages word for word, so everything here
takes text out of the documents and never rewrites it. A document that no
longer has the expected shape fails loudly rather than seeding half a page.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
GUIDANCE_2008 = CONTENT_DIR / "participation-online-2008.md"
PRINCIPLES_2009 = CONTENT_DIR / "principles-2009.txt"


class SourceFormatError(ValueError):
    """A source document does not have the passages seeding expects."""


@dataclass(frozen=True)
class Principle:
    number: int
    title: str
    statement: str


@dataclass(frozen=True)
class Sources:
    guidance_title: str
    guidance_subtitle: str
    guidance_date: str
    guidance_strapline: str
    principles_heading: str
    principles: tuple[Principle, ...]
    code_heading: str
    code_paragraphs: tuple[str, ...]
    code_link_text: str
    code_url: str
    principles_2009_title: str
    introduction_2009: str
    card_note_2009: str


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, with Markdown hard line breaks joined."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block]


def _section(markdown: str, heading: str) -> str:
    match = re.search(rf"^{re.escape(heading)}\s*$(.*?)(?=^#|\Z)", markdown, re.M | re.S)
    if not match:
        raise SourceFormatError(f"No {heading!r} section in {GUIDANCE_2008.name}")
    return match.group(1)


def parse_2008(markdown: str) -> dict:
    principles = tuple(
        Principle(number=int(number), title=title.strip(), statement=" ".join(body.split()))
        for number, title, body in re.findall(
            r"^### (\d+)\. (.+?)\s*$\n(.*?)(?=^#)", markdown, re.M | re.S
        )
    )
    if [p.number for p in principles] != [1, 2, 3, 4, 5]:
        raise SourceFormatError(f"Expected principles 1 to 5 in {GUIDANCE_2008.name}")

    code_heading = "How the Civil Service Code applies to online participation"
    code_paragraphs = _paragraphs(_section(markdown, f"### {code_heading}"))
    link = re.fullmatch(r"<(https?://[^>\s]+)>\.", code_paragraphs[-1])
    if not link or not code_paragraphs[-2].endswith("can be viewed at"):
        raise SourceFormatError(f"No link to the Civil Service Code in {GUIDANCE_2008.name}")

    strapline = re.search(r"^\*\*(Making.*?)\*\*$", markdown, re.M | re.S)
    title_block = re.search(r"^# (.+?)\s*$\n\s*\n(.+?)\s*$\n\s*\n(.+?)\s*$", markdown, re.M)
    if not strapline or not title_block:
        raise SourceFormatError(f"No title page in {GUIDANCE_2008.name}")
    return {
        "guidance_title": title_block.group(1),
        "guidance_subtitle": title_block.group(2),
        "guidance_date": title_block.group(3),
        "guidance_strapline": " ".join(strapline.group(1).split()),
        "principles_heading": re.search(r"^## (.+?)\s*$", markdown, re.M).group(1),
        "principles": principles,
        "code_heading": code_heading,
        "code_paragraphs": tuple(code_paragraphs[:-2]),
        "code_link_text": code_paragraphs[-2],
        "code_url": link.group(1),
    }


def parse_2009(text: str) -> dict:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    introduction = next((line for line in lines if line.startswith("Published in 2009")), None)
    card_note = next((line for line in lines if line.startswith("Click for larger")), None)
    if not introduction or not card_note:
        raise SourceFormatError(f"No introduction or card in {PRINCIPLES_2009.name}")
    return {
        "principles_2009_title": lines[0],
        "introduction_2009": introduction,
        "card_note_2009": card_note,
    }


@functools.cache
def load() -> Sources:
    return Sources(
        **parse_2008(GUIDANCE_2008.read_text(encoding="utf-8")),
        **parse_2009(PRINCIPLES_2009.read_text(encoding="utf-8")),
    )
