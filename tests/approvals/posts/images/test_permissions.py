"""Who may see and change a post's images: the images page is its author's, while the
post may still be changed; the library offered is their own department's, and no other
department's image can be attached by naming it."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image

from approvals.errors import NotAllowed
from approvals.posts import services as post_services
from approvals.posts.images import services
from approvals.posts.images.selectors import LIBRARY_SHOWN
from tests.approvals.posts.images.conftest import png

pytestmark = pytest.mark.django_db


@pytest.fixture
def treasury_image(org, make_post, as_user, upload):
    post = make_post(org.treasury_author, submit=False, text="HM Treasury: the Budget.")
    as_user(org.treasury_author)
    upload(post, "The red box", file=png("budget-box-secret.png"))
    return post.images.get().image


def test_the_library_offered_is_the_authors_department_only(
    org, make_post, as_user, upload, treasury_image
):
    own = make_post(org.author, submit=False)
    as_user(org.author)
    upload(own, "A ribbon being cut", file=png("ribbon.png"))
    other = make_post(org.author, submit=False, text="Cabinet Office: another post.")
    page = as_user(org.author).get(reverse("approvals:post_images", args=[other.pk]))
    content = page.content.decode()
    assert "ribbon.png" in content
    assert "budget-box-secret" not in content
    assert f"/image-library/{treasury_image.pk}/" not in content


def test_another_departments_image_cannot_be_attached_by_its_id(
    org, make_post, as_user, treasury_image
):
    post = make_post(org.author, submit=False)
    response = as_user(org.author).post(
        reverse("approvals:post_image_choose", args=[post.pk]),
        {"choose-image": treasury_image.pk, "choose-alt_text": "The red box"},
    )
    assert response.status_code == 400
    assert "Select an image from the library" in response.content.decode()
    assert not post.images.exists()
    with pytest.raises(NotAllowed):
        services.attach_image(
            author=org.author, post_id=post.pk, image_id=treasury_image.pk, alt_text="The box"
        )


def test_only_the_author_reaches_the_images_of_a_post_they_may_change(
    org, make_post, as_user, upload
):
    draft = make_post(org.author, submit=False)
    as_user(org.author)
    upload(draft, "A ribbon being cut")
    attached = draft.images.get()
    urls = [
        reverse("approvals:post_images", args=[draft.pk]),
        reverse("approvals:post_image", args=[draft.pk, attached.pk]),
        reverse("approvals:post_image_remove", args=[draft.pk, attached.pk]),
    ]
    for user in (org.manager, org.press, org.colleague, org.treasury_author, org.superuser):
        for url in urls:
            assert as_user(user).get(url).status_code == 404, (user, url)
        response = as_user(user).post(
            reverse("approvals:post_image", args=[draft.pk, attached.pk]), {"alt_text": "Mine"}
        )
        assert response.status_code == 404
        assert as_user(user).post(urls[2]).status_code == 404
    draft.images.get()  # still there, unchanged
    assert draft.images.get().alt_text == "A ribbon being cut"

    # Submitted, it is no longer changed here: the version is what is signed off.
    post_services.submit_post(post_id=draft.pk, author=org.author)
    assert as_user(org.author).get(urls[0]).status_code == 404
    # The approver sees the image on the post, as the post.
    page = as_user(org.manager).get(reverse("approvals:post", args=[draft.pk])).content.decode()
    served = reverse("approvals:post_image_file", args=[draft.pk, attached.image_id, "max-600x600"])
    assert served in page
    assert as_user(org.manager).get(served).status_code == 200
    outsider = as_user(org.treasury_author).get(reverse("approvals:post", args=[draft.pk]))
    assert outsider.status_code == 404


def test_an_image_of_another_post_is_not_reached_through_this_one(org, make_post, as_user, upload):
    first = make_post(org.author, submit=False)
    second = make_post(org.author, submit=False, text="Cabinet Office: a second post.")
    as_user(org.author)
    upload(first, "A ribbon being cut")
    attached = first.images.get()
    client = as_user(org.author)
    assert (
        client.get(reverse("approvals:post_image", args=[second.pk, attached.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("approvals:post_image_remove", args=[second.pk, attached.pk])
        ).status_code
        == 404
    )
    assert first.images.exists()


def test_the_library_offers_its_most_recent_images(org, make_post, as_user):
    collection = services.collection_for(org.cabinet_office)
    for number in range(LIBRARY_SHOWN + 1):
        Image.objects.create(
            title=f"library-{number:02}.png",
            file=png(f"library-{number:02}.png"),
            collection=collection,
        )
    post = make_post(org.author, submit=False)
    page = (
        as_user(org.author).get(reverse("approvals:post_images", args=[post.pk])).content.decode()
    )
    assert f"library-{LIBRARY_SHOWN:02}.png" in page
    assert "library-01.png" in page
    assert "library-00.png" not in page  # the oldest, one beyond what is shown


def test_an_upload_beyond_the_channels_images_stores_nothing(
    org, make_post, as_user, upload, media
):
    post = make_post(org.author, submit=False, channel="youtube")
    as_user(org.author)
    assert upload(post, "A still from the video").status_code == 400
    assert not Image.objects.exists()
    assert not list(media.rglob("*.png"))


def test_an_image_file_is_served_only_to_those_who_may_see_the_post(
    org, make_post, as_user, upload, client
):
    post = make_post(org.author, submit=False)
    as_user(org.author)
    upload(post, "A ribbon being cut")
    image = post.images.get().image
    url = reverse("approvals:post_image_file", args=[post.pk, image.pk, "max-600x600"])
    response = as_user(org.author).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    # A draft is its author's alone, its images too.
    for user in (org.manager, org.treasury_author, org.colleague):
        assert as_user(user).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to sign in
    # Submitted, the approver sees it; a size the pages never draw, nobody.
    post_services.submit_post(post_id=post.pk, author=org.author)
    assert as_user(org.manager).get(url).status_code == 200
    original = reverse("approvals:post_image_file", args=[post.pk, image.pk, "original"])
    assert as_user(org.author).get(original).status_code == 404


def test_an_image_is_not_served_through_a_post_it_is_not_in(
    org, make_post, as_user, upload, treasury_image
):
    post = make_post(org.author, submit=False)
    url = reverse("approvals:post_image_file", args=[post.pk, treasury_image.pk, "max-600x600"])
    assert as_user(org.author).get(url).status_code == 404


def test_a_library_thumbnail_is_its_departments_alone(org, as_user, treasury_image):
    url = reverse("approvals:library_image_file", args=[treasury_image.pk, "max-240x240"])
    assert as_user(org.treasury_manager).get(url).status_code == 200
    assert as_user(org.author).get(url).status_code == 404
