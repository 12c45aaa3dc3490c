"""The image files themselves, served only to whoever may see them: a post's images
(attached now, or frozen in any of its versions) to those who may see the post, and a
department's library to its authors. Always a rendition in one of the sizes the pages
draw (``selectors.CROPS``), never the original upload.

The storage's own addresses (MEDIA_URL) are never put in a page, so nothing needs to
serve them: a deployment leaves them unserved."""

import mimetypes

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods
from wagtail.images.models import Image

from approvals.models import StaffProfile, VersionImage
from approvals.posts.images.selectors import CROPS, library
from approvals.posts.views import visible_post


def post_image_url(post_id: int, image_id: int, spec: str) -> str:
    return reverse("approvals:post_image_file", args=[post_id, image_id, spec])


def img_tag(url: str, rendition, alt: str) -> str:
    """An <img> for a rendition served from ``url``, with its size, so the page does not
    shift as it loads."""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">',
        url,
        rendition.width,
        rendition.height,
        alt,
    )


def _served(image: Image, spec: str) -> FileResponse:
    if spec not in CROPS:
        raise Http404
    rendition = image.get_rendition(spec)
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    # Kept by the browser of whoever was allowed it, never by a shared cache.
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET"])
def post_image_file(request, pk, image_pk, spec):
    post, _ = visible_post(request, pk)
    in_post = (
        post.images.filter(image_id=image_pk).exists()
        or VersionImage.objects.filter(version__post=post, image_id=image_pk).exists()
    )
    if not in_post:
        raise Http404
    return _served(Image.objects.get(pk=image_pk), spec)


@require_http_methods(["GET"])
def library_image_file(request, image_pk, spec):
    """A thumbnail of an image in the library of the department the person works in."""
    profile = StaffProfile.objects.filter(user=request.user).select_related("department").first()
    if profile is None:
        raise Http404
    image = library(profile.department).filter(pk=image_pk).first()
    if image is None:
        raise Http404
    return _served(image, spec)
