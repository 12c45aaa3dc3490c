"""How a post will look on its channel: links, hashtags and mentions marked as
the channel marks them, and the fold behind "… more" where the channel folds."""

import pytest
from django.urls import reverse

from approvals.posts.channels import Channel
from approvals.posts.preview import FOLDS, preview

LONG = "Cabinet Office: " + "we are opening our doors to everyone next month " * 12


def kinds(pieces):
    return [(piece.kind, piece.text) for piece in pieces]


@pytest.mark.unit
def test_links_hashtags_and_mentions_are_marked():
    shown = preview(
        text="Read it at https://www.gov.uk/guidance #CivilService with @cabinetofficeuk",
        channel="linkedin",
        account="Cabinet Office",
    )
    assert kinds(shown.shown) == [
        ("text", "Read it at "),
        ("link", "https://www.gov.uk/guidance"),
        ("text", " "),
        ("hashtag", "#CivilService"),
        ("text", " with "),
        ("mention", "@cabinetofficeuk"),
    ]
    assert shown.folded == [] and shown.more == ""


@pytest.mark.unit
def test_x_shows_a_link_without_its_scheme_and_cut_short():
    shown = preview(
        text="Guidance: https://www.gov.uk/government/publications/social-media-guidance",
        channel="x",
        account="@cabinetofficeuk",
    )
    assert ("link", "gov.uk/government/publicat…") in kinds(shown.shown)


@pytest.mark.unit
@pytest.mark.parametrize("channel", list(FOLDS))
def test_a_long_post_folds_where_its_channel_folds_it_at_a_space(channel):
    shown = preview(text=LONG, channel=channel, account="Cabinet Office")
    before = "".join(piece.text for piece in shown.shown)
    after = "".join(piece.text for piece in shown.folded)
    assert before + after == LONG
    assert len(before) <= FOLDS[channel][0]
    assert after.startswith(" ")
    assert shown.more == FOLDS[channel][1]


@pytest.mark.unit
@pytest.mark.parametrize("channel", [Channel.X, Channel.BLOG])
def test_channels_that_do_not_fold_show_it_all(channel):
    shown = preview(text=LONG[:270], channel=channel, account="Cabinet Office")
    assert shown.folded == [] and shown.more == ""


@pytest.mark.unit
def test_the_fold_never_cuts_a_link_and_the_link_field_is_shown():
    text = "x" * 120 + " https://www.gov.uk/guidance"
    shown = preview(text=text, channel="instagram", account="@cabinetoffice")
    assert kinds(shown.folded)[0] == ("link", "https://www.gov.uk/guidance")
    with_field = preview(
        text="Read the guidance.", channel="linkedin", account="CO", link="https://gov.uk/a"
    )
    assert ("link", "https://gov.uk/a") in kinds(with_field.shown)


@pytest.mark.django_db
def test_the_author_and_the_approver_see_the_preview(org, make_post, client):
    post = make_post(org.author, text=LONG.strip(), channel="linkedin")
    client.force_login(org.author)
    page = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "How it will look on LinkedIn" in page
    assert "…see more" in page
    client.force_login(org.manager)
    page = client.get(reverse("approvals:decide", args=[post.pk])).content.decode()
    assert "How it will look on LinkedIn" in page


@pytest.mark.django_db
def test_a_youtube_community_post_folds_behind_read_more(org, make_post, client):
    post = make_post(org.author, text=LONG.strip(), channel="youtube_community")
    client.force_login(org.author)
    page = client.get(reverse("approvals:post", args=[post.pk])).content.decode()
    assert "How it will look on YouTube community post" in page
    assert "… Read more" in page
    assert "everyone next month we are" in page  # the folded rest is still shown after it
