"""Demo images: small PNGs drawn with Pillow (which Wagtail already needs), uploaded
through the same Wagtail form and service an author's upload goes through."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from approvals.posts.images import services
from approvals.posts.images.forms import wagtail_image_form

# The demo posts that carry images, by fate: each image's file name, colours and alt text.
DEMO_IMAGES = {
    "draft": [
        (
            "principles-card.png",
            ("#1d70b8", "#ffffff"),
            "A blue card listing the five principles for participation online",
        ),
        (
            "team-at-launch.png",
            ("#00703c", "#ffdd00"),
            "The digital engagement team holding the printed guidance at its launch",
        ),
    ],
    "submitted": [
        (
            "open-session-poster.png",
            ("#4c2c92", "#ffffff"),
            "Poster for the open session: a date, a time and a room in 70 Whitehall",
        ),
        (
            "session-room.png",
            ("#d4351c", "#f3f2f1"),
            "An empty meeting room set out with chairs in rows, ready for the session",
        ),
    ],
    "changes": [
        (
            "five-things.png",
            ("#28a197", "#0b0c0c"),
            "Five numbered speech bubbles in a row",
        ),
    ],
}


# The demo thread's images, by the part (0 for the first) each goes with.
DEMO_THREAD_IMAGES = {
    1: [
        (
            "be-credible.png",
            ("#0b0c0c", "#00703c"),
            "A card with four ticks beside accurate, fair, thorough and transparent",
        ),
    ],
}


def picture(name: str, colours: tuple[str, str]) -> SimpleUploadedFile:
    """A 1200 by 800 PNG: a background with a band across it, big enough to crop."""
    background, band = colours
    image = Image.new("RGB", (1200, 800), background)
    ImageDraw.Draw(image).rectangle((0, 300, 1200, 500), fill=band)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _upload(post, part: int, name: str, colours: tuple[str, str], alt_text: str) -> None:
    form = wagtail_image_form(picture(name, colours), services.collection_for(post.department))
    if not form.is_valid():
        raise ValueError(f"The demo image {name} was refused: {form.errors.as_text()}")
    services.upload_image(
        author=post.author, post_id=post.pk, image_form=form, alt_text=alt_text, part=part
    )


def attach_demo_images(post, fate: str) -> None:
    for name, colours, alt_text in DEMO_IMAGES.get(fate, []):
        _upload(post, 0, name, colours, alt_text)


def attach_demo_thread_images(thread) -> None:
    """Images on the thread's later parts: each part shows its own in the preview."""
    for part, images in DEMO_THREAD_IMAGES.items():
        for name, colours, alt_text in images:
            _upload(thread, part, name, colours, alt_text)
