"""A thread's images following their parts when the author removes or adds parts: a part's
images go where the part goes, and go out of the post with a part removed, so that no
image is left with a part that is no longer there."""

from collections.abc import Sequence

from approvals.models import Post, PostImage


def follow_parts(post: Post, origins: Sequence[int | None]) -> int:
    """Renumber the images' parts for a post whose parts are now, in order, the saved parts
    ``origins`` (None for a part added since); take out of the post the images of a part
    not among them (they stay in the library). Returns how many were taken out."""
    now_at: dict[int, int] = {}
    for place, origin in enumerate(origins):
        if origin is not None:
            now_at.setdefault(origin, place)
    gone: list[int] = []
    moved: list[PostImage] = []
    for image in post.images.all():
        part = now_at.get(image.part)
        if part is None:
            gone.append(image.pk)
        elif part != image.part:
            image.part = part
            moved.append(image)
    PostImage.objects.filter(pk__in=gone).delete()
    # The places are unique only at commit, so parts can trade places.
    PostImage.objects.bulk_update(moved, ["part"])
    return len(gone)
