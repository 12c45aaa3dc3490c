"""A post's images: the ones attached to it now, the ones each version froze, and the
Wagtail collection each department's images are kept in.

The images themselves are Wagtail's (``wagtail.images``): stored, renditioned and
permissioned as Wagtail does. What belongs to the post is which image goes where, and the
alt text written for this post, since the same picture says different things in
different posts."""

from django.db import models
from wagtail.images.models import Image
from wagtail.models import Collection

from .departments import Department
from .posts import Post, PostVersion

# The longest alt text any channel takes; each channel's own limit is in
# approvals/posts/channels.py.
ALT_TEXT_MAX = 1_500


class DepartmentCollection(models.Model):
    """The Wagtail collection a department's post images are uploaded to and chosen from."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="image_collection"
    )
    collection = models.OneToOneField(Collection, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"Images of {self.department}"


class _PlacedImage(models.Model):
    """An image in a post: which part of the post it goes with (0 for the first part,
    or the whole post), its place among that part's images, and its alt text."""

    # PROTECT: a record's image cannot vanish from under it.
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="+")
    alt_text = models.TextField("alt text", max_length=ALT_TEXT_MAX)
    part = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True
        ordering = ["part", "position"]

    def frozen(self) -> tuple[int, int, int, str]:
        """What a version keeps of it, to tell whether a post still says what it said."""
        return (self.part, self.position, self.image_id, self.alt_text)


class PostImage(_PlacedImage):
    """An image attached to a post as its author has it now."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")

    class Meta(_PlacedImage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["post", "part", "position"],
                name="one_post_image_per_place",
                # Checked at commit, so that two images can swap places.
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self):
        return f"Image {self.position + 1} of post {self.post_id}"


class VersionImage(_PlacedImage):
    """An image as a version froze it: what the approver saw and signed off."""

    version = models.ForeignKey(PostVersion, on_delete=models.PROTECT, related_name="images")

    class Meta(_PlacedImage.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["version", "part", "position"], name="one_version_image_per_place"
            )
        ]

    def __str__(self):
        return f"Image {self.position + 1} of version {self.version_id}"
