"""An author attaches images to a post: uploaded to their department's Wagtail
collection or chosen from it, each with alt text, no more than the channel takes, and
an upload Wagtail refuses is refused on the same page, with the post as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images.models import Image

from approvals.models import Post, PostImage, PostStatus
from approvals.posts.images import services
from tests.approvals.posts.images.conftest import png

pytestmark = pytest.mark.django_db


def test_an_upload_goes_into_the_departments_collection_and_the_post(
    org, make_post, as_user, upload
):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    response = upload(post, "The minister cuts a ribbon outside 70 Whitehall")
    assert response.status_code == 302
    attached = PostImage.objects.get(post=post)
    assert attached.alt_text == "The minister cuts a ribbon outside 70 Whitehall"
    image = attached.image
    assert image.collection.name == "Cabinet Office posts"
    assert image.uploaded_by_user == org.author
    assert image.title == "photo.png"
    assert (image.width, image.height) == (64, 48)
    assert image.file_size > 0
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "The minister cuts a ribbon outside 70 Whitehall" in page
    # A rendition, served only to those who may see the post; no storage address.
    assert reverse("approvals:post_image_file", args=[post.pk, image.pk, "max-600x600"]) in page
    assert "/media/" not in page


def test_a_second_department_gets_a_collection_of_its_own(org, make_post, as_user, upload):
    co_post = make_post(org.author, submit=False)
    hmt_post = make_post(org.treasury_author, submit=False, text="HM Treasury: the Budget.")
    as_user(org.author)
    upload(co_post, "A ribbon being cut")
    as_user(org.treasury_author)
    upload(hmt_post, "A red box held up outside Number 11")
    co_image = co_post.images.get().image
    hmt_image = hmt_post.images.get().image
    assert co_image.collection != hmt_image.collection
    assert hmt_image.collection.name == "HM Treasury posts"


def test_alt_text_is_required_and_the_page_says_so(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    response = upload(post, "  ")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter alt text that describes the image" in page
    assert not Image.objects.exists()


def test_alt_text_within_the_channels_limit(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False, channel="instagram")
    as_user(org.author)
    response = upload(post, "A crowd gathers outside the building " * 4)
    assert response.status_code == 400
    assert "Alt text must be 100 characters or fewer on Instagram" in response.content.decode()
    assert upload(post, "A crowd gathers outside the building").status_code == 302


@pytest.mark.parametrize("channel, most", [("x", 4), ("instagram", 4), ("youtube", 0)])
def test_no_more_images_than_the_channel_takes(org, make_post, as_user, upload, channel, most):
    post = make_post(org.author, submit=False, channel=channel)
    as_user(org.author)
    for number in range(most):
        assert upload(post, f"Picture number {number} of the day").status_code == 302
    response = upload(post, "One too many")
    assert response.status_code == 400
    assert post.images.count() == most
    page = response.content.decode()
    assert "govuk-error-summary" in page
    label = {"x": "X (formerly Twitter)", "instagram": "Instagram", "youtube": "YouTube"}[channel]
    assert label in page
    assert ("takes no images" if not most else f"takes up to {most} images") in page


def test_a_file_that_is_not_an_image_gets_wagtails_message(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False, text="Cabinet Office: our text, kept.")
    as_user(org.author)
    fake = SimpleUploadedFile("notes.png", b"this is not a picture at all")
    response = upload(post, "A chart of applications", file=fake)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Upload a valid image" in page
    # The alt text typed, and the post's text, are where they were.
    assert "A chart of applications" in page
    assert Post.objects.get(pk=post.pk).text == "Cabinet Office: our text, kept."
    assert not Image.objects.exists()


def test_a_picture_whose_name_says_another_format_is_refused(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    response = upload(post, "A chart of applications", file=png("chart.jpg"))
    assert response.status_code == 400
    assert "Not a valid .jpeg image. The extension does not match the file format (png)" in (
        response.content.decode()
    )


def test_a_type_wagtail_does_not_take_is_refused(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    response = upload(post, "A document", file=png("report.pdf"))
    assert response.status_code == 400
    assert "Not a supported image format" in response.content.decode()


def test_too_big_and_too_many_pixels_are_refused_as_wagtail_refuses_them(
    org, make_post, as_user, upload, settings
):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = upload(post, "A large photograph", file=png(size=(400, 400), colour=(1, 2, 3)))
    assert response.status_code == 400
    assert "This file is too big" in response.content.decode()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    response = upload(post, "A large photograph", file=png(size=(400, 400)))
    assert response.status_code == 400
    assert "This file has too many pixels" in response.content.decode()
    assert not post.images.exists()


def test_choosing_from_the_library_with_alt_text_for_this_post(org, make_post, as_user, upload):
    first = make_post(org.author, submit=False)
    as_user(org.author)
    upload(first, "The minister at the launch")
    image = first.images.get().image
    second = make_post(org.author, submit=False, text="Cabinet Office: a week on.")
    page = as_user(org.author).get(reverse("approvals:post_images", args=[second.pk]))
    assert "photo.png" in page.content.decode()
    response = as_user(org.author).post(
        reverse("approvals:post_image_choose", args=[second.pk]),
        {"choose-image": image.pk, "choose-alt_text": "The launch, a week ago"},
    )
    assert response.status_code == 302
    assert second.images.get().alt_text == "The launch, a week ago"
    assert first.images.get().alt_text == "The minister at the launch"


def test_alt_text_changes_moves_and_removals(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False)
    client = as_user(org.author)
    for alt in ("First picture here", "Second picture here", "Third picture here"):
        upload(post, alt)
    first, second, third = post.images.all()
    response = client.post(
        reverse("approvals:post_image", args=[post.pk, second.pk]),
        {"alt_text": "Second, described better"},
    )
    assert response.status_code == 302
    client.post(reverse("approvals:post_image_move", args=[post.pk, third.pk]), {"to": "earlier"})
    assert [i.alt_text for i in post.images.all()] == [
        "First picture here",
        "Third picture here",
        "Second, described better",
    ]
    assert (
        client.get(reverse("approvals:post_image_remove", args=[post.pk, first.pk])).status_code
        == 200
    )
    client.post(reverse("approvals:post_image_remove", args=[post.pk, first.pk]))
    assert [(i.position, i.alt_text) for i in post.images.all()] == [
        (0, "Third picture here"),
        (1, "Second, described better"),
    ]
    # Removed from the post, kept in the library.
    assert Image.objects.filter(pk=first.image_id).exists()


def test_image_findings_are_kept_with_the_post(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    upload(post, "IMG_2034.jpg")
    post.refresh_from_db()
    assert "alt-text-file-name" in [finding["code"] for finding in post.findings]
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "is a file name" in page


def test_changing_the_images_of_an_approved_post_takes_it_back_to_draft(
    org, make_post, as_user, upload
):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    upload(post, "A ribbon being cut")
    Post.objects.filter(pk=post.pk).update(status=PostStatus.APPROVED)
    services.change_alt_text(
        author=org.author,
        post_id=post.pk,
        attached_id=post.images.get().pk,
        alt_text="A red ribbon being cut",
    )
    assert Post.objects.get(pk=post.pk).status == PostStatus.DRAFT


def test_alt_text_with_hidden_characters_is_refused(org, make_post, as_user, upload):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    response = upload(post, "A ribbon \u202ebeing cut")
    assert response.status_code == 400
    assert "The alt text contains hidden characters" in response.content.decode()
    assert not post.images.exists()
