"""Images frozen with a version: what the approver saw is what the record keeps."""

from approvals.models import Post, PostVersion, VersionImage


def freeze(post: Post, version: PostVersion) -> None:
    """Copy the post's images, as they stand, into ``version``."""
    VersionImage.objects.bulk_create(
        VersionImage(
            version=version,
            image_id=image.image_id,
            alt_text=image.alt_text,
            part=image.part,
            position=image.position,
        )
        for image in post.images.all()
    )
