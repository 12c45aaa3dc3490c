"""Images for the image tests: small PNGs made with Pillow, uploaded through the images
page as an author would, into a media folder of the test's own."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage


def png(name="photo.png", size=(64, 48), colour=(29, 112, 184)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def upload(client):
    """Upload an image to the post's images page as whoever the client is signed in as."""

    def _upload(post, alt_text, file=None, **extra):
        return client.post(
            reverse("approvals:post_image_upload", args=[post.pk]),
            {"file": file or png(), "alt_text": alt_text, **extra},
        )

    return _upload
