"""What pages and checks read of a post's images. Each list comes with the renditions the
pages draw prefetched, so a page of four images asks the database a fixed number of times."""

from django.db.models import Prefetch, QuerySet
from wagtail.images.models import Image

from approvals.models import (
    Department,
    DepartmentCollection,
    Post,
    PostImage,
    PostVersion,
    VersionImage,
)
from approvals.posts.channels import IMAGES
from approvals.posts.checks.images import ImageSeen

# Renditions, never originals: an image in a page, a thumbnail to choose by, and each
# crop a channel's preview draws.
SHOWN = "max-600x600"
THUMBNAIL = "max-240x240"
CROPS = sorted(
    {rules.crop(count) for rules in IMAGES.values() for count in (1, 2)} | {SHOWN, THUMBNAIL}
)


def with_renditions(images: QuerySet) -> QuerySet:
    """``images`` (a post's or a version's) with each image and its renditions."""
    return images.prefetch_related(
        Prefetch("image", queryset=Image.objects.prefetch_renditions(*CROPS))
    )


def images_of(item: Post | PostVersion) -> list[PostImage] | list[VersionImage]:
    """The images of a post, or of one of its versions, in order."""
    if item.pk is None:
        return []
    return list(with_renditions(item.images.all()))


def images_seen(post: Post) -> list[ImageSeen]:
    """What the checks read of the post's images."""
    if post.pk is None:
        return []
    return [
        ImageSeen(alt_text=alt_text, file_name=title, part=part)
        for alt_text, title, part in post.images.values_list("alt_text", "image__title", "part")
    ]


# The library offers its most recent images, to choose from in one page.
LIBRARY_SHOWN = 24


def library(department: Department) -> QuerySet:
    """The images an author in ``department`` may choose from: its own collection's most
    recent, and no other department's."""
    own = Image.objects.filter(
        collection__in=DepartmentCollection.objects.filter(department=department).values(
            "collection"
        )
    ).order_by("-created_at", "-pk")
    return (
        Image.objects.filter(pk__in=own.values("pk")[:LIBRARY_SHOWN])
        .order_by("-created_at", "-pk")
        .prefetch_renditions(THUMBNAIL)
    )
