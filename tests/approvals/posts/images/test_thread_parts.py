"""Images on every part of a thread: the author chooses the part on the images page, each
part takes as many as the channel does, a part's images go with it when the part is
removed, and the approver, the checks and the record say which part each image is in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from approvals.errors import ApprovalError
from approvals.mail import outbox
from approvals.models import Outcome
from approvals.posts import deciding, services
from approvals.posts.images import services as image_services
from tests.approvals.posts.images.conftest import png

pytestmark = pytest.mark.django_db

PARTS = [
    "Cabinet Office: five principles for taking part online, one a day.",
    "Be credible: be accurate, fair, thorough and transparent in everything you post.",
    "Be consistent: encourage constructive criticism and deliberation.",
]


def thread(org, make_post, submit=False):
    return make_post(org.author, channel="x", text=PARTS[0], further_parts=PARTS[1:], submit=submit)


def places(post):
    return [(image.part, image.position, image.alt_text) for image in post.images.all()]


def part_preview(page, number, total=3):
    """One part's preview on a page: from its group to the next part's."""
    start = page.index(f'aria-label="Part {number} of {total} on X (formerly Twitter)"')
    after = page.find(f'aria-label="Part {number + 1} of {total}', start)
    return page[start : after if after != -1 else None]


def test_the_page_offers_each_part_by_its_first_words(org, make_post, as_user):
    post = thread(org, make_post)
    page = as_user(org.author).get(reverse("approvals:post_images", args=[post.pk])).content
    page = page.decode()
    assert "Which part of the thread does it go with?" in page
    assert "Part 2: Be credible: be accurate, fair, thorough and transparent…" in page
    assert page.count('name="part"') == 3  # upload form
    assert page.count('name="choose-part"') == 0  # no library yet
    single = make_post(org.author, channel="x", submit=False)
    page = as_user(org.author).get(reverse("approvals:post_images", args=[single.pk])).content
    assert b"Which part of the thread" not in page


def test_an_image_uploaded_to_part_2_is_shown_with_part_2(org, make_post, as_user, upload):
    post = thread(org, make_post)
    as_user(org.author)
    assert upload(post, "Four ticks beside four words", part="1").status_code == 302
    assert places(post) == [(1, 0, "Four ticks beside four words")]
    image = post.images.get().image
    url = reverse("approvals:post_image_file", args=[post.pk, image.pk, "max-600x600"])
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Part 2, image 1, alt text:" in page
    # In part 2's preview, in neither of the others.
    assert 'alt="Four ticks beside four words"' in part_preview(page, 2)
    assert "Four ticks" not in part_preview(page, 1) + part_preview(page, 3)
    listed = as_user(org.author).get(reverse("approvals:post_images", args=[post.pk]))
    listed = listed.content.decode()
    part_2 = listed[listed.index('<h2 class="govuk-heading-m portal-break-words">Part 2') :]
    assert "Four ticks beside four words" in part_2[: part_2.index("Part 3:")]
    assert url.replace("max-600x600", "max-240x240") in part_2
    attached = post.images.get()
    for name in ("approvals:post_image", "approvals:post_image_remove"):
        page = as_user(org.author).get(reverse(name, args=[post.pk, attached.pk])).content
        assert b"part 2 of its thread" in page


def test_choosing_from_the_library_into_part_3(org, make_post, as_user, upload):
    post = thread(org, make_post)
    client = as_user(org.author)
    upload(post, "A ribbon being cut", part="0")
    image = post.images.get().image
    response = client.post(
        reverse("approvals:post_image_choose", args=[post.pk]),
        {"choose-part": "2", "choose-image": image.pk, "choose-alt_text": "The ribbon, cut"},
    )
    assert response.status_code == 302
    assert places(post) == [(0, 0, "A ribbon being cut"), (2, 0, "The ribbon, cut")]


def test_a_part_the_thread_does_not_have_is_refused(org, make_post, as_user, upload):
    post = thread(org, make_post)
    as_user(org.author)
    response = upload(post, "A ribbon being cut", part="3")
    assert response.status_code == 400
    assert "Select which part of the thread the image goes with" in response.content.decode()
    assert not post.images.exists()
    upload(post, "A ribbon being cut", part="0")
    with pytest.raises(ApprovalError, match="Select which part"):
        image_services.attach_image(
            author=org.author,
            post_id=post.pk,
            image_id=post.images.get().image_id,
            alt_text="The ribbon, cut",
            part=3,
        )
    assert post.images.count() == 1


def test_the_channels_limit_applies_to_each_part(org, make_post, as_user, upload):
    post = thread(org, make_post)
    as_user(org.author)
    for part in ("0", "1"):
        for number in range(4):
            picture = png(f"p{part}-{number}.png")
            response = upload(post, f"Picture {number} of part {part}", file=picture, part=part)
            assert response.status_code == 302
    response = upload(post, "One too many", part="1")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "X (formerly Twitter) takes up to 4 images in each part. Part 2 has 4" in page
    assert upload(post, "Part 3 has room", part="2").status_code == 302
    assert [post.images.filter(part=part).count() for part in (0, 1, 2)] == [4, 4, 1]
    post.refresh_from_db()
    assert "too-many-images" not in [finding["code"] for finding in post.findings]


def _edit_form(page, **fields):
    """The writing form as the page has it filled in, with ``fields`` changed."""
    when = timezone.localdate() + timedelta(days=3)
    origins = re.search(r'name="part_origins" value="([^"]*)"', page)[1]
    return {
        "channel": "x",
        "account": "@cabinetofficeuk",
        "text": PARTS[0],
        "link": "",
        "publish_date_0": str(when.day),
        "publish_date_1": str(when.month),
        "publish_date_2": str(when.year),
        "publish_time": "9:30am",
        "part_origins": origins,
        **fields,
    }


def test_removing_a_part_takes_its_images_out_and_moves_the_later_ones_up(
    org, make_post, as_user, upload
):
    post = thread(org, make_post)
    client = as_user(org.author)
    upload(post, "Four ticks beside four words", part="1")
    upload(post, "People talking round a table", part="2")
    url = reverse("approvals:post_edit", args=[post.pk])
    page = client.get(url).content.decode()
    # Part 2 removed: the form comes back with part 3 in its place...
    rearranged = client.post(
        url, _edit_form(page, part_2=PARTS[1], part_3=PARTS[2], remove_part="2")
    ).content.decode()
    assert 'name="part_3"' not in rearranged
    assert places(post) == [
        (1, 0, "Four ticks beside four words"),
        (2, 0, "People talking round a table"),
    ]
    # ...and saving it takes part 2's image out of the post, and part 3's follows its part.
    saved = client.post(url, _edit_form(rearranged, part_2=PARTS[2]), follow=True)
    assert places(post) == [(1, 0, "People talking round a table")]
    assert "1 image of the part you removed was taken out of the post" in saved.content.decode()
    post.refresh_from_db()
    assert post.further_parts == [PARTS[2]]
    page = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert 'alt="People talking round a table"' in part_preview(page, 2, total=2)


def test_a_part_added_before_saving_takes_no_images_of_another(org, make_post, as_user, upload):
    post = thread(org, make_post)
    client = as_user(org.author)
    upload(post, "People talking round a table", part="2")
    url = reverse("approvals:post_edit", args=[post.pk])
    page = client.get(url).content.decode()
    # Part 2 removed and a new part added: the new part 3 is not the old part 3.
    page = client.post(
        url, _edit_form(page, part_2=PARTS[1], part_3=PARTS[2], remove_part="2")
    ).content.decode()
    page = client.post(url, _edit_form(page, part_2=PARTS[2], add_part="1")).content.decode()
    client.post(url, _edit_form(page, part_2=PARTS[2], part_3="A new last part."))
    assert places(post) == [(1, 0, "People talking round a table")]


def test_a_thread_cut_short_without_saying_which_parts_drops_the_images_past_its_end(
    org, make_post, upload, as_user
):
    post = thread(org, make_post)
    as_user(org.author)
    upload(post, "Kept with the first part", part="0")
    upload(post, "On the last part", part="2")
    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel="x",
        account="@cabinetofficeuk",
        text=PARTS[0],
        further_parts=PARTS[1:2],
        link="",
        publish_at=post.publish_at,
    )
    assert places(post) == [(0, 0, "Kept with the first part")]


def test_the_approver_sees_which_part_an_image_changed_in(org, make_post, as_user, upload):
    post = thread(org, make_post)
    as_user(org.author)
    upload(post, "Four ticks beside four words", part="1")
    post = services.submit_post(post_id=post.pk, author=org.author)
    as_user(org.manager).get(reverse("approvals:decide", args=[post.pk]))  # saw version 1
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say what the ticks are beside.",
    )
    attached = post.images.get()
    as_user(org.author).post(
        reverse("approvals:post_image", args=[post.pk, attached.pk]),
        {"alt_text": "Four ticks beside accurate, fair, thorough and transparent"},
    )
    upload(post, "People talking round a table", part="2")
    mail.outbox.clear()
    services.submit_post(post_id=post.pk, author=org.author)
    outbox.relay()
    told = [message.body for message in mail.outbox if message.to == [org.manager.email]]
    assert "2. (part 3) People talking round a table" in told[-1]
    page = as_user(org.manager).get(reverse("approvals:decide", args=[post.pk])).content.decode()
    changed = page[page.index("What changed since you last saw it") :]
    assert "Part 2, image 1: alt text changed" in changed
    assert "Part 3, image 1: added" in changed
    record = as_user(org.superuser).get(reverse("signoff_posts:inspect", args=[post.pk]))
    record = record.content.decode()
    assert "Part 2, image 1: Four ticks beside accurate, fair, thorough and transparent<" in record
    assert "Part 3, image 1: People talking round a table<" in record


def test_findings_on_a_parts_images_name_the_part_and_read_its_own_text(
    org, make_post, as_user, upload
):
    post = thread(org, make_post)
    as_user(org.author)
    # Part 2's words, as alt text in part 2 and in part 3.
    repeated = "be accurate, fair, thorough and transparent"
    upload(post, repeated, part="1")
    upload(post, repeated, part="2")
    upload(post, "IMG_2034.jpg", part="2")
    post.refresh_from_db()
    messages = [finding["message"] for finding in post.findings if "alt text" in finding["message"]]
    assert [message.split(" alt text")[0] for message in messages] == [
        "Part 2: Warning: The image's",
        "Part 3: Image 2's",
    ]
    assert "repeats the part's text" in messages[0]
    page = as_user(org.author).get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "Part 3: Image 2&#x27;s alt text, “IMG_2034.jpg”, is a file name" in page


def test_which_parts_the_form_says_are_written_back_as_numbers_only(org, make_post, as_user):
    post = thread(org, make_post)
    client = as_user(org.author)
    url = reverse("approvals:post_edit", args=[post.pk])
    page = client.get(url).content.decode()
    assert 'name="part_origins" value="1,2"' in page
    sent = _edit_form(page, part_2=PARTS[1], part_3=PARTS[2], add_part="1")
    sent["part_origins"] = '2,{{ request.user.password }}"><script>alert(1)</script>'
    page = client.post(url, sent).content.decode()
    assert 'name="part_origins" value="2,,"' in page
    assert "request.user" not in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("channel", ["threads", "bluesky"])
def test_every_channel_taking_threads_takes_images_on_each_part(
    org, make_post, as_user, upload, channel
):
    post = make_post(
        org.author, channel=channel, text=PARTS[0], further_parts=PARTS[1:], submit=False
    )
    as_user(org.author)
    assert upload(post, "Four ticks beside four words", part="1").status_code == 302
    response = as_user(org.author).get(reverse("approvals:post", args=[post.pk]))
    assert response.status_code == 200
    assert 'alt="Four ticks beside four words"' in response.content.decode()
