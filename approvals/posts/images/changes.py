"""What changed in a post's images between two versions, place by place: an image
added, removed or replaced, or its alt text changed (word by word, as the text is)."""

from dataclasses import dataclass

from approvals.models import VersionImage
from approvals.posts.diffs import Piece, word_diff


@dataclass(frozen=True)
class ImageChange:
    part: int
    position: int
    before: VersionImage | None
    after: VersionImage | None
    # The alt text's difference, word by word; empty when it is the same.
    alt_text: list[Piece]

    @property
    def replaced(self) -> bool:
        return (
            self.before is not None
            and self.after is not None
            and self.before.image_id != self.after.image_id
        )


def image_changes(before: list, after: list) -> list[ImageChange]:
    """The places whose image or alt text differs, in order."""
    old = {(image.part, image.position): image for image in before}
    new = {(image.part, image.position): image for image in after}
    changes = []
    for place in sorted(old.keys() | new.keys()):
        was, now = old.get(place), new.get(place)
        if was and now and (was.image_id, was.alt_text) == (now.image_id, now.alt_text):
            continue
        differs = was is None or now is None or was.alt_text != now.alt_text
        alt = word_diff(was.alt_text if was else "", now.alt_text if now else "")
        changes.append(ImageChange(*place, was, now, alt if differs else []))
    return changes
