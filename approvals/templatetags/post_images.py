"""A post's images in its pages: as attached, as its channel crops them in the preview,
and what changed in them between two versions. Each reads the item's images once, with
their renditions, however many of these tags show them."""

from django import template

from approvals.posts.channels import image_rules
from approvals.posts.images.changes import image_changes as changes_between
from approvals.posts.images.files import img_tag, post_image_url
from approvals.posts.images.selectors import images_of

register = template.Library()


def _images(item) -> list:
    # Kept on the item for the request: the summary and the preview show the same images.
    if not hasattr(item, "_images_shown"):
        item._images_shown = images_of(item)
    return item._images_shown


def _by_part(item) -> list[tuple[int, list]]:
    """The item's images part by part, each part that has any with its number from 1."""
    attached = _images(item)
    return [
        (number + 1, in_part)
        for number in range(1 + len(item.further_parts))
        if (in_part := [image for image in attached if image.part == number])
    ]


def _post_id(item) -> int:
    return getattr(item, "post_id", None) or item.pk


@register.simple_tag
def post_image(post_id, image, spec, alt):
    """An image of a post, as a rendition served only to those who may see the post."""
    return img_tag(post_image_url(post_id, image.pk, spec), image.get_rendition(spec), alt)


@register.inclusion_tag("approvals/images/shown.html")
def post_images(item, change_url=""):
    """The images of ``item`` (a post or one of its versions), as a summary list row."""
    return {
        "attached": _images(item),
        "parts": _by_part(item),
        "thread": bool(item.further_parts),
        "change_url": change_url,
        "post_id": _post_id(item),
    }


@register.inclusion_tag("approvals/images/preview.html")
def preview_images(item, part=0):
    """The images of one part of ``item`` as its channel crops them in a feed."""
    attached = [image for image in _images(item) if image.part == part]
    crop = image_rules(item.channel).crop(len(attached))
    return {
        "shown": [
            post_image(_post_id(item), image.image, crop, image.alt_text) for image in attached
        ]
    }


@register.inclusion_tag("approvals/images/changes.html")
def image_changes(seen, version):
    """What changed in the images since the version the approver last saw."""
    return {
        "changes": changes_between(_images(seen), _images(version)),
        # Parts are named when either version is a thread.
        "thread": bool(seen.further_parts or version.further_parts),
        "post_id": version.post_id,
    }


@register.inclusion_tag("approvals/images/record.html")
def images_record(version):
    """A version's images for its record: thumbnails, with the alt text signed off."""
    return {
        "attached": _images(version),
        "parts": _by_part(version),
        "thread": bool(version.further_parts),
        "post_id": version.post_id,
    }
