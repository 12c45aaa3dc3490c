"""The home page for whoever signs in: what needs them now, their recent
posts, then the guidance; someone with nothing to do sees the guidance first."""

import pytest
from django.test import Client

from approvals.models import Outcome
from approvals.posts import deciding
from guidance import services as guidance_services
from guidance.models import GuidanceVersion
from guidance.seeding import seed_guidance
from guidance.selectors import current_version


@pytest.fixture
def home(org):
    seed_guidance()

    def _home(user) -> str:
        client = Client()
        client.force_login(user)
        response = client.get("/")
        assert response.status_code == 200
        return response.content.decode()

    return _home


def test_someone_with_nothing_to_do_sees_the_guidance_first(org, home):
    page = home(org.colleague)
    assert "What needs you now" not in page
    assert "The principles" in page


def test_an_approver_sees_what_waits_for_their_sign_off(org, make_post, home):
    make_post(org.author)
    make_post(org.author, text="Cabinet Office: a second post about guidance.")
    page = home(org.manager)
    assert '<a class="govuk-link govuk-!-font-weight-bold" href="/approvals/">2 posts wait' in page
    assert page.index("What needs you now") < page.index("The principles</h2>")


def test_an_author_sees_a_post_sent_back_and_their_recent_posts(org, make_post, home):
    post = make_post(org.author, text="Cabinet Office: the one sent back.")
    make_post(org.author, text="Cabinet Office: a draft.", submit=False)
    page = home(org.author)
    assert "needs changes" not in page
    assert "Your drafts (1)" in page
    assert "Cabinet Office: the one sent back." in page

    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="Say more.",
    )
    page = home(org.author)
    assert f'href="/posts/{post.pk}/">1 of your posts needs changes' in page
    assert "Changes requested" in page  # the recent post's status, kept no longer

    second = make_post(org.author, text="Cabinet Office: another sent back.")
    deciding.decide(
        post_id=second.pk,
        version_id=second.current_version_id,
        user=org.manager,
        outcome=Outcome.CHANGES_REQUESTED,
        reason="And this.",
    )
    page = home(org.author)
    assert 'href="/posts/?status=changes_requested">2 of your posts need changes' in page


def test_a_reader_is_asked_to_confirm_again_once_the_principles_change(org, home):
    assert "confirm again" not in home(org.colleague)
    guidance_services.acknowledge(user=org.colleague, version=current_version())
    assert "What needs you now" not in home(org.colleague)
    GuidanceVersion.objects.create(number=current_version() + 1, page_title="Be credible")
    page = home(org.colleague)
    assert "The principles changed on" in page
    assert 'href="/acknowledgement/"' in page


def test_editors_and_administrators_see_the_way_to_the_admin(org, home):
    from django.contrib.auth.models import Group

    from guidance.seeding import EDITORS

    assert 'href="/admin/"' not in home(org.author)
    assert 'href="/admin/"' in home(org.superuser)
    Group.objects.get(name=EDITORS).user_set.add(org.colleague)
    assert 'href="/admin/"' in home(org.colleague)
