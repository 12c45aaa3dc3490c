"""Posts by the thousand, for the data sets that measure the portal (the scale
data set and the benchmarks' fixtures), inserted in bulk rather than one
``services.submit_post`` at a time."""

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from approvals.models import Post, PostVersion


def create_posts(posts: Iterable[Post], *, batch_size: int = 5_000) -> list[Post]:
    """Insert ``posts``, giving each one that was submitted (has ``submitted_at``)
    a frozen version 1 as its current version, as submitting it would have."""
    created = Post.objects.bulk_create(posts, batch_size=batch_size)
    submitted = [post for post in created if post.submitted_at is not None]
    versions = PostVersion.objects.bulk_create(
        (
            PostVersion.frozen_from(post, number=1, created_at=post.submitted_at)
            for post in submitted
        ),
        batch_size=batch_size,
    )
    for version in versions:
        version.post.current_version = version
    # One UPDATE per batch, each post finding its version by the unique
    # (post, number) index: bulk_update's CASE per row grows with the batch.
    first_version = PostVersion.objects.filter(post=OuterRef("pk"), number=1).values("pk")
    for start in range(0, len(submitted), batch_size):
        batch = [post.pk for post in submitted[start : start + batch_size]]
        Post.objects.filter(pk__in=batch).update(current_version=Subquery(first_version))
    return created
