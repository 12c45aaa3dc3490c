"""Images are frozen with the version: a change of image or alt text is a change the
post must be submitted again for, and the approver sees it in what changed, the old and
new image side by side. The decision page reads four images as cheaply as one."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.images.models import Image

from approvals.mail import outbox
from approvals.models import Outcome, PostStatus, VersionImage
from approvals.posts import deciding, services
from approvals.posts.images import services as image_services
from approvals.posts.images.changes import image_changes
from approvals.posts.images.selectors import CROPS, images_of
from tests.approvals.posts.images.conftest import png

pytestmark = pytest.mark.django_db


def served(post, image, spec):
    """Where a page shows the image: a rendition, served to those who may see the post."""
    return reverse("approvals:post_image_file", args=[post.pk, image.pk, spec])


def with_images(org, make_post, as_user, upload, alts, channel="x", size=(64, 48)):
    post = make_post(org.author, submit=False, channel=channel)
    as_user(org.author)
    for number, alt in enumerate(alts):
        picture = png(f"picture{number}.png", size=size, colour=(number * 60, 80, 120))
        upload(post, alt, file=picture)
    return post


def sent_back(org, post):
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say what the chart shows.",
    )


def test_submitting_freezes_the_images_with_the_version(org, make_post, as_user, upload):
    post = with_images(org, make_post, as_user, upload, ["A bar chart", "A crowd outside"])
    post = services.submit_post(post_id=post.pk, author=org.author)
    frozen = list(post.current_version.images.all())
    assert [(i.position, i.alt_text) for i in frozen] == [
        (0, "A bar chart"),
        (1, "A crowd outside"),
    ]
    assert [i.image_id for i in frozen] == [i.image_id for i in post.images.all()]
    # A record's image cannot be deleted from under it.
    with pytest.raises(Exception, match="protected"):
        Image.objects.get(pk=frozen[0].image_id).delete()


def test_a_new_alt_text_must_be_submitted_and_the_approver_sees_it(org, make_post, as_user, upload):
    post = with_images(org, make_post, as_user, upload, ["A bar chart", "A crowd outside"])
    post = services.submit_post(post_id=post.pk, author=org.author)
    as_user(org.manager).get(reverse("approvals:decide", args=[post.pk]))  # saw version 1
    sent_back(org, post)

    author = as_user(org.author)
    page = author.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Submit it again without changing it" in page  # nothing changed yet
    chart = post.images.get(position=0)
    response = author.post(
        reverse("approvals:post_image", args=[post.pk, chart.pk]),
        {"alt_text": "A bar chart of applications, doubled from 2024 to 2025"},
    )
    assert response.status_code == 302
    page = author.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Submit it again without changing it" not in page  # it differs from version 1
    post = services.submit_post(post_id=post.pk, author=org.author)
    assert post.status == PostStatus.SUBMITTED

    page = as_user(org.manager).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    changed = page[page.index("What changed since you last saw it") :]
    assert "Image 1: alt text changed" in changed
    # Both images, and the words added to the alt text marked as added.
    assert changed.count(served(post, chart.image, "max-240x240")) == 2
    assert 'alt="A bar chart"' in changed
    assert "of applications, doubled from 2024 to 2025<span" in changed
    assert "Image 2" not in changed  # unchanged images are not listed as changes


def test_a_replaced_image_shows_both_old_and_new(org, make_post, as_user, upload):
    post = with_images(org, make_post, as_user, upload, ["A bar chart"])
    post = services.submit_post(post_id=post.pk, author=org.author)
    as_user(org.manager).get(reverse("approvals:decide", args=[post.pk]))  # saw version 1
    sent_back(org, post)
    old = post.images.get()
    author = as_user(org.author)
    author.post(reverse("approvals:post_image_remove", args=[post.pk, old.pk]))
    upload(post, "A bar chart", file=png("newer.png", colour=(200, 0, 0)))
    post = services.submit_post(post_id=post.pk, author=org.author)
    new = post.images.get()
    assert new.image_id != old.image_id

    page = as_user(org.manager).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    changed = page[page.index("What changed since you last saw it") :]
    assert "Image 1: replaced" in changed
    assert served(post, old.image, "max-240x240") in changed
    assert served(post, new.image, "max-240x240") in changed


def test_changes_between_versions_place_by_place(org, make_post, as_user, upload):
    post = with_images(org, make_post, as_user, upload, ["One", "Two"])
    post = services.submit_post(post_id=post.pk, author=org.author)
    first = post.current_version
    sent_back(org, post)
    image_services.remove_image(
        author=org.author, post_id=post.pk, attached_id=post.images.get(position=0).pk
    )
    second = services.submit_post(post_id=post.pk, author=org.author).current_version
    changes = image_changes(images_of(first), images_of(second))
    # "Two" moved up to the first place; the second place is empty now.
    assert [(c.position, c.before.alt_text, c.after and c.after.alt_text) for c in changes] == [
        (0, "One", "Two"),
        (1, "Two", None),
    ]


def test_the_email_to_approvers_links_to_the_images_and_attaches_none(
    org, make_post, as_user, upload
):
    post = with_images(org, make_post, as_user, upload, ["A bar chart", "A crowd outside"])
    mail.outbox.clear()
    with_outbox_sent = services.submit_post(post_id=post.pk, author=org.author)
    outbox.relay()
    sent = [m for m in mail.outbox if m.to == [org.manager.email]]
    assert sent, "the manager is told"
    body = sent[0].body
    assert "It has 2 images, shown with the post at the link below" in body
    assert "1. A bar chart" in body and "2. A crowd outside" in body
    assert reverse("approvals:decide", args=[with_outbox_sent.pk]) in body
    assert not sent[0].attachments


def test_the_preview_crops_as_the_channel_does(org, make_post, as_user, upload):
    # Big enough to crop: Wagtail never enlarges an image.
    big = (1200, 900)
    on_x = with_images(org, make_post, as_user, upload, ["A bar chart"], channel="x", size=big)
    page = as_user(org.author).get(reverse("approvals:post", args=[on_x.pk])).content.decode()
    preview = page[page.index('class="portal-preview"') :]
    assert re.search(r'<img src="[^"]+" width="480" height="270" alt="A bar chart">', preview)
    on_instagram = with_images(
        org, make_post, as_user, upload, ["A bar chart", "A crowd"], channel="instagram", size=big
    )
    page = as_user(org.author).get(reverse("approvals:post", args=[on_instagram.pk]))
    preview = page.content.decode()[page.content.decode().index('class="portal-preview"') :]
    assert len(re.findall(r'width="480" height="480"', preview)) == 2


def decision_page(client, post, queries, django_assert_num_queries):
    """The decision page, asserting that it asks the database ``queries`` times."""
    # The renditions are made once, on first sight, as on a running server.
    for image in Image.objects.all():
        image.get_renditions(*CROPS)
    with django_assert_num_queries(queries):
        response = client.get(reverse("approvals:decide", args=[post.pk]))
    assert response.status_code == 200
    return response.content.decode()


# The decision page on first sight of a post with images: the page as without images
# (where it reads the version's images, and finds none), and the images with their
# renditions, whatever their number. Seen before, the page records the version seen with
# an update rather than an insert, and reads the images (and renditions) of the version
# last seen too, to show what changed. The page's comments and any exception to
# disclosure are read once each, as is where the person works, for the banner.
DECISION_PAGE_QUERIES = 27
WHAT_CHANGED_PAGE_QUERIES = 28


def replace_images(org, post, as_user, upload):
    sent_back(org, post)
    count = post.images.count()
    for attached in post.images.all():
        image_services.remove_image(author=org.author, post_id=post.pk, attached_id=attached.pk)
    as_user(org.author)
    for number in range(count):
        upload(post, f"New picture {number}", file=png(f"new{number}.png", colour=(9, 9, 9)))
    return services.submit_post(post_id=post.pk, author=org.author)


def test_the_decision_page_reads_four_images_in_a_fixed_number_of_queries(
    org, make_post, as_user, upload, django_assert_num_queries
):
    def page(post, queries):
        return decision_page(as_user(org.manager), post, queries, django_assert_num_queries)

    # Per-process caches (content types) warmed, as on a running server.
    as_user(org.manager).get(reverse("approvals:decide", args=[make_post(org.author).pk]))
    one = with_images(org, make_post, as_user, upload, ["A bar chart"])
    one = services.submit_post(post_id=one.pk, author=org.author)
    page(one, DECISION_PAGE_QUERIES)

    four = with_images(org, make_post, as_user, upload, ["One", "Two", "Three", "Four"])
    four = services.submit_post(post_id=four.pk, author=org.author)
    shown = page(four, DECISION_PAGE_QUERIES)
    assert VersionImage.objects.filter(version=four.current_version).count() == 4
    # Renditions, never the originals.
    for attached in four.current_version.images.all():
        assert served(four, attached.image, "max-600x600") in shown
    assert "/media/" not in shown

    # Every image replaced: the old and the new side by side, at the same cost.
    page(replace_images(org, one, as_user, upload), WHAT_CHANGED_PAGE_QUERIES)
    shown = page(replace_images(org, four, as_user, upload), WHAT_CHANGED_PAGE_QUERIES)
    assert shown.count(": replaced") == 4


def test_the_record_in_the_admin_keeps_each_versions_images(org, make_post, as_user, upload):
    post = with_images(org, make_post, as_user, upload, ["A bar chart"])
    post = services.submit_post(post_id=post.pk, author=org.author)
    as_user(org.author).post(
        reverse("approvals:post_image", args=[post.pk, post.images.get().pk]),
        {"alt_text": "A bar chart of sign-ups by week"},
    )
    page = (
        as_user(org.superuser)
        .get(reverse("signoff_posts:inspect", args=[post.pk]))
        .content.decode()
    )
    # What was submitted, not what the author has since changed.
    assert "Image 1: A bar chart<" in page
    assert "sign-ups by week" not in page
    assert served(post, post.images.get().image, "max-240x240") in page
