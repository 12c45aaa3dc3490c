"""Every way the Wagtail admin offers of changing what readers see, tried by a
policy editor and by a policy approver: none of them changes the live
guidance without approval in the sign-off workflow."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from guidance import seeding
from guidance.models import GuidancePage, PolicyReviewTask, PrinciplePage
from guidance.tasks import publish_scheduled_pages
from tests.factories import UserFactory
from tests.guidance.conftest import text_of
from tests.guidance.test_editing import approve, edit, form_data, live_statement, signed_in

pytestmark = pytest.mark.django_db

ORIGINAL = "Be accurate, fair, thorough and transparent."
REFUSED = "Sorry, you do not have permission to access this area."


@pytest.fixture(params=["editor", "approver"])
def member(request):
    """A member of one of the groups that edit the guidance, not a superuser."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def principle(home):
    return PrinciplePage.objects.child_of(home).get(number=1)


@pytest.fixture
def about(home):
    return GuidancePage.objects.child_of(home).get(slug=seeding.ABOUT_SLUG)


@pytest.fixture
def seen_by_reader(reader):
    reader_client = Client()
    reader_client.force_login(reader)
    return reader_client.get


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in response.wsgi_request._messages]


def live_principle_titles(home) -> list[str]:
    return list(PrinciplePage.objects.child_of(home).live().values_list("title", flat=True))


def copy(client, page, parent, **fields):
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    return client.post(
        url, {"new_title": page.title, "new_parent_page": parent.pk, **fields}, follow=True
    )


def test_a_copy_ticked_to_publish_stays_a_draft(client, member, home, principle, seen_by_reader):
    copy(
        signed_in(client, member),
        principle,
        home,
        new_title="Be credible, again",
        new_slug="be-credible-again",
        publish_copies="on",
    )
    assert not PrinciplePage.objects.get(slug="be-credible-again").live
    assert "Be credible, again" not in text_of(seen_by_reader("/"))
    assert seen_by_reader("/be-credible-again/").status_code == 404


def test_an_alias_of_a_live_page_is_not_made(client, member, home, principle, seen_by_reader):
    copy(signed_in(client, member), principle, home, new_slug="be-credible-alias", alias="on")
    assert not PrinciplePage.objects.filter(alias_of=principle).exists()
    assert live_principle_titles(home).count(principle.title) == 1
    assert seen_by_reader("/be-credible-alias/").status_code == 404


def test_a_live_page_is_not_moved(client, member, home, about, seen_by_reader):
    elsewhere = home.add_child(instance=GuidancePage(title="Further reading", slug="further"))
    elsewhere.save_revision().publish()

    url = reverse("wagtailadmin_pages:move_confirm", args=[about.pk, elsewhere.pk])
    response = signed_in(client, member).post(url, follow=True)
    assert REFUSED in messages_of(response)
    about.refresh_from_db()
    assert about.get_parent().pk == home.pk
    assert seen_by_reader("/about-this-guidance/").status_code == 200
    assert seen_by_reader("/further/about-this-guidance/").status_code == 404


def test_an_earlier_revision_is_not_published_again(client, member, principle, seen_by_reader):
    principle.statement = "The reviewed words."
    principle.save_revision().publish()
    earlier = principle.revisions.order_by("created_at", "id").first()

    signed_in(client, member)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[principle.pk, earlier.pk])
    data = form_data(client.get(url))
    data["action-publish"] = "1"
    client.post(url, data)
    assert live_statement(principle) == "The reviewed words."
    assert principle.get_latest_revision_as_object().statement == ORIGINAL
    assert "The reviewed words." in text_of(seen_by_reader("/be-credible/"))


def test_a_go_live_date_set_outside_the_workflow_publishes_nothing(
    client, member, principle, seen_by_reader
):
    go_live = timezone.localtime(timezone.now() + timedelta(hours=1))
    edit(
        signed_in(client, member),
        principle,
        "action-publish",
        statement="Scheduled around review.",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(minutes=1)):
        publish_scheduled_pages()
    assert live_statement(principle) == ORIGINAL
    assert "Scheduled around review." not in text_of(seen_by_reader("/be-credible/"))


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete"])
def test_bulk_actions_leave_the_live_guidance_alone(
    client, member, principle, action, seen_by_reader
):
    principle.statement = "A draft nobody has reviewed."
    principle.save_revision(user=member)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    signed_in(client, member).post(f"{url}?id={principle.pk}", {"include_descendants": "on"})
    assert live_statement(principle) == ORIGINAL
    assert principle.live
    assert ORIGINAL in text_of(seen_by_reader("/be-credible/"))


@pytest.mark.parametrize("view", ["unpublish", "delete"])
def test_a_live_page_is_not_taken_down(client, member, home, principle, view, seen_by_reader):
    url = reverse(f"wagtailadmin_pages:{view}", args=[principle.pk])
    response = signed_in(client, member).post(url, follow=True)
    assert REFUSED in messages_of(response)
    assert principle.title in live_principle_titles(home)
    assert seen_by_reader("/be-credible/").status_code == 200


def test_a_live_page_is_not_hidden_from_readers(client, member, principle, seen_by_reader):
    url = reverse("wagtailadmin_pages:set_privacy", args=[principle.pk])
    signed_in(client, member).post(url, {"restriction_type": "password", "password": "secret"})
    assert not PageViewRestriction.objects.filter(page=principle).exists()
    assert ORIGINAL in text_of(seen_by_reader("/be-credible/"))


def test_a_publish_permission_granted_to_a_group_still_publishes_nothing(
    client, editor, home, principle, seen_by_reader
):
    # An administrator ticks "Publish" for the editors in Wagtail's group admin.
    Group.objects.get(name=seeding.EDITORS).page_permissions.create(
        page=home, permission=Permission.objects.get(codename="publish_page")
    )
    signed_in(client, editor)
    copy(client, principle, home, new_slug="be-credible-again", publish_copies="on")
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[principle.pk]))
    assert response.status_code == 302
    assert not Page.objects.get(slug="be-credible-again").live
    assert principle.title in live_principle_titles(home)
    assert seen_by_reader("/be-credible-again/").status_code == 404


def test_the_workflow_still_publishes_a_copy_once_approved(
    client, editor, approver, home, principle, seen_by_reader
):
    copy(
        signed_in(client, editor),
        principle,
        home,
        new_title="Be credible, again",
        new_slug="be-credible-again",
        publish_copies="on",
    )
    draft = PrinciplePage.objects.get(slug="be-credible-again")
    # The form asks a principle for a number of its own, which a copy lacks.
    edit(client, draft, "action-submit", number="6")
    assert approve(signed_in(client, approver), draft).status_code == 302
    assert PrinciplePage.objects.get(slug="be-credible-again").live
    assert "6. Be credible, again" in text_of(seen_by_reader("/"))


def test_a_superuser_still_copies_a_live_page_live(client, home, principle, seen_by_reader):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    copy(
        signed_in(client, admin), principle, home, new_slug="be-credible-again", publish_copies="on"
    )
    assert PrinciplePage.objects.get(slug="be-credible-again").live
    assert seen_by_reader("/be-credible-again/").status_code == 200


def test_a_workflow_left_with_no_task_to_approve_publishes_nothing(
    client, member, principle, seen_by_reader
):
    # An administrator deactivates the review task (Settings > Workflow tasks).
    PolicyReviewTask.objects.update(active=False)
    response = edit(signed_in(client, member), principle, "action-submit", statement="Unreviewed.")
    assert REFUSED in messages_of(response)
    assert live_statement(principle) == ORIGINAL
    assert ORIGINAL in text_of(seen_by_reader("/be-credible/"))


def test_seeding_takes_back_the_publish_permission_it_once_gave_approvers(home):
    approvers = Group.objects.get(name=seeding.APPROVERS)
    approvers.page_permissions.create(
        page=home, permission=Permission.objects.get(codename="publish_page")
    )
    seeding.set_up_editing(home)
    held = approvers.page_permissions.values_list("permission__codename", flat=True)
    assert sorted(held) == sorted(seeding.APPROVER_PAGE_PERMISSIONS)
