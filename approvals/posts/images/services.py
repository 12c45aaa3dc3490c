"""Every change to a post's images: attaching one from the department's library or
uploaded to it, changing its alt text, moving and removing it. Each runs in one
transaction on the locked post, re-checks that its author may change it, and checks the
post again, as saving its text does. Changing the images of an approved or held post
takes it back to draft, as changing its text does: what goes out must be what was
approved."""

from django.db import transaction
from django.db.models import F
from wagtail.images.models import Image
from wagtail.models import Collection

from approvals.errors import ApprovalError, NotAllowed
from approvals.models import Department, DepartmentCollection, Post, PostImage, PostStatus
from approvals.posts import permissions
from approvals.posts.channels import Channel, image_rules
from approvals.posts.services import findings_for


def collection_for(department: Department) -> Collection:
    """The department's Wagtail collection, made the first time it is asked for."""
    kept = DepartmentCollection.objects.select_related("collection").filter(department=department)
    found = kept.first()
    if found is not None:
        return found.collection
    with transaction.atomic():
        # Two first uploads at once make one collection: the department row is the lock.
        Department.objects.select_for_update().filter(pk=department.pk).first()
        found = kept.first()
        if found is not None:
            return found.collection
        # Wagtail's migrations make the root collection; a flushed database has none.
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.add_child(name=f"{department.name} posts")
        DepartmentCollection.objects.create(department=department, collection=collection)
        return collection


def _editable(author, post_id: int) -> Post:
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("department")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not permissions.may_edit(author, post):
        raise NotAllowed("You cannot change this post.")
    return post


def _changed(post: Post) -> None:
    if post.status in {PostStatus.APPROVED, PostStatus.HELD}:
        post.status = PostStatus.DRAFT
        post.stage = ""
    post.findings = findings_for(post)
    post.save()


def check_alt_text(alt_text: str, channel: str) -> str:
    """The alt text, trimmed, or ApprovalError saying what is wrong with it."""
    alt_text = alt_text.strip()
    limit = image_rules(channel).alt_text_limit
    if not alt_text:
        raise ApprovalError("Enter alt text that describes the image")
    if len(alt_text) > limit:
        raise ApprovalError(
            f"Alt text must be {limit:,} characters or fewer on {Channel(channel).label}"
        )
    return alt_text


def room_for_images(post: Post, part: int = 0) -> int:
    """How many more images the part of the post takes on its channel."""
    return max(image_rules(post.channel).most - post.images.filter(part=part).count(), 0)


def _check_room(post: Post, part: int) -> None:
    """The part is one the post has, and takes another image."""
    if not 0 <= part <= len(post.further_parts):
        raise ApprovalError("Select which part of the thread the image goes with")
    if room_for_images(post, part):
        return
    most = image_rules(post.channel).most
    label = Channel(post.channel).label
    if not most:
        raise ApprovalError(f"{label} takes no images")
    if post.further_parts:
        raise ApprovalError(
            f"{label} takes up to {most} images in each part. Part {part + 1} has "
            f"{most}: remove one from it first, or choose another part."
        )
    raise ApprovalError(f"{label} takes up to {most} images. Remove one first.")


@transaction.atomic
def attach_image(*, author, post_id: int, image_id: int, alt_text: str, part: int = 0) -> PostImage:
    """Attach an image from the department's collection, after the part's others."""
    post = _editable(author, post_id)
    image = Image.objects.filter(pk=image_id, collection=collection_for(post.department)).first()
    if image is None:
        # Another department's image, or none: the same answer, naming neither.
        raise NotAllowed("That image is not in your department's library.")
    alt_text = check_alt_text(alt_text, post.channel)
    _check_room(post, part)
    last = post.images.filter(part=part).order_by("-position").first()
    attached = PostImage.objects.create(
        post=post,
        image=image,
        alt_text=alt_text,
        part=part,
        position=last.position + 1 if last else 0,
    )
    _changed(post)
    return attached


@transaction.atomic
def upload_image(*, author, post_id: int, image_form, alt_text: str, part: int = 0) -> PostImage:
    """Save a valid Wagtail image form's upload to the department's collection as the
    author's, and attach it. Nothing is saved if it cannot be attached."""
    post = _editable(author, post_id)
    check_alt_text(alt_text, post.channel)
    # Checked before the file is stored: a refused upload leaves nothing behind.
    _check_room(post, part)
    image_form.instance.uploaded_by_user = author
    image_form.instance.collection = collection_for(post.department)
    image = image_form.save()
    return attach_image(
        author=author, post_id=post.pk, image_id=image.pk, alt_text=alt_text, part=part
    )


def _placed(post: Post, attached_id: int) -> PostImage:
    attached = post.images.filter(pk=attached_id).first()
    if attached is None:
        raise NotAllowed("That image is not in this post.")
    return attached


@transaction.atomic
def change_alt_text(*, author, post_id: int, attached_id: int, alt_text: str) -> PostImage:
    post = _editable(author, post_id)
    attached = _placed(post, attached_id)
    attached.alt_text = check_alt_text(alt_text, post.channel)
    attached.save(update_fields=["alt_text"])
    _changed(post)
    return attached


@transaction.atomic
def remove_image(*, author, post_id: int, attached_id: int) -> None:
    """Take the image out of the post (it stays in the library); those after it move up."""
    post = _editable(author, post_id)
    attached = _placed(post, attached_id)
    attached.delete()
    post.images.filter(part=attached.part, position__gt=attached.position).update(
        position=F("position") - 1
    )
    _changed(post)


@transaction.atomic
def move_image(*, author, post_id: int, attached_id: int, earlier: bool) -> None:
    """Swap the image with the one before it (``earlier``) or after it."""
    post = _editable(author, post_id)
    attached = _placed(post, attached_id)
    other = post.images.filter(
        part=attached.part, position=attached.position + (-1 if earlier else 1)
    ).first()
    if other is None:
        return
    attached.position, other.position = other.position, attached.position
    PostImage.objects.bulk_update([attached, other], ["position"])
    _changed(post)
