"""Policy editors change the guidance in the Wagtail admin; policy approvers
publish it through the sign-off workflow, never approving their own change."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from guidance.models import PolicyReviewTask, PrinciplePage
from guidance.models.workflow import SelfApprovalError
from guidance.tasks import publish_scheduled_pages
from tests.factories import UserFactory
from tests.guidance.conftest import text_of

pytestmark = pytest.mark.django_db

ORIGINAL = "Be accurate, fair, thorough and transparent."


@pytest.fixture
def principle(home):
    return PrinciplePage.objects.child_of(home).get(number=1)


def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(response):
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The principles' bodies are empty; the editor's script would write this.
    data["body-count"] = "0"
    return data


def edit(client, page, action, **changes):
    """Post the admin's edit form for the page, as the browser would."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = form_data(form)
    data.update(changes)
    if action:
        data[action] = "1"
    return client.post(url, data)


def approve(client, page):
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    return client.post(url, {"comment": ""})


def live_statement(page):
    page.refresh_from_db()
    return page.statement


def test_editors_save_and_submit_changes_but_cannot_publish_them(client, editor, principle):
    signed_in(client, editor)
    assert not principle.permissions_for_user(editor).can_publish()

    edit(client, principle, "action-publish", statement="Be accurate and fair.")
    assert live_statement(principle) == ORIGINAL
    assert principle.get_latest_revision_as_object().statement == "Be accurate and fair."

    edit(client, principle, "action-submit", statement="Be accurate and fair.")
    principle.refresh_from_db()
    assert principle.workflow_in_progress
    assert isinstance(principle.current_workflow_task, PolicyReviewTask)
    assert live_statement(principle) == ORIGINAL

    approve(client, principle)
    assert live_statement(principle) == ORIGINAL


def test_approvers_publish_only_by_approving_in_the_workflow(client, approver, principle):
    signed_in(client, approver)
    assert not principle.permissions_for_user(approver).can_publish()
    form = client.get(reverse("wagtailadmin_pages:edit", args=[principle.pk]))
    assert 'name="action-publish"' not in form.content.decode()

    # Posted by hand, the Publish button's name saves a draft.
    edit(client, principle, "action-publish", statement="Straight out, unreviewed.")
    assert live_statement(principle) == ORIGINAL
    assert principle.get_latest_revision_as_object().statement == "Straight out, unreviewed."


def test_a_superuser_can_still_publish_directly_in_an_emergency(client, principle):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    edit(signed_in(client, admin), principle, "action-publish", statement="Put right at once.")
    assert live_statement(principle) == "Put right at once."


def test_an_approver_publishes_the_editors_change_through_the_workflow(
    client, editor, approver, principle, reader_client
):
    edit(signed_in(client, editor), principle, "action-submit", statement="Be accurate and fair.")
    assert approve(signed_in(client, approver), principle).status_code == 302
    assert live_statement(principle) == "Be accurate and fair."
    assert not principle.workflow_in_progress
    assert "Be accurate and fair." in text_of(reader_client.get("/be-credible/"))


def test_an_approver_cannot_approve_their_own_change(client, approver, second_approver, principle):
    edit(signed_in(client, approver), principle, "action-submit", statement="My own words.")
    principle.refresh_from_db()
    actions = [
        name for name, _, _ in principle.current_workflow_task.get_actions(principle, approver)
    ]
    assert "approve" not in actions
    assert "reject" in actions

    approve(client, principle)
    assert live_statement(principle) == ORIGINAL
    assert principle.workflow_in_progress

    approve(signed_in(client, second_approver), principle)
    assert live_statement(principle) == "My own words."


def test_an_approver_who_edits_a_change_under_review_leaves_it_to_another(
    client, editor, approver, second_approver, principle
):
    edit(signed_in(client, editor), principle, "action-submit", statement="Editor's words.")
    edit(signed_in(client, approver), principle, None, statement="Approver's better words.")
    approve(client, principle)
    assert live_statement(principle) == ORIGINAL

    approve(signed_in(client, second_approver), principle)
    assert live_statement(principle) == "Approver's better words."


def test_the_task_itself_refuses_self_approval_whichever_way_it_is_asked(approver, principle):
    principle.statement = "Straight to the task."
    principle.save_revision(user=approver)
    workflow = principle.get_workflow()
    workflow.start(principle, approver)
    principle.refresh_from_db()
    state = principle.current_workflow_task_state
    with pytest.raises(SelfApprovalError):
        state.task.specific.on_action(state, approver, "approve")
    assert live_statement(principle) == ORIGINAL


def test_revisions_can_be_compared_and_a_draft_previewed(client, editor, principle):
    signed_in(client, editor)
    edit(client, principle, None, statement="A draft to compare.")
    first, latest = principle.revisions.order_by("created_at", "id")[:2]
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[principle.pk, first.pk, latest.pk])
    )
    assert compare.status_code == 200
    assert "A draft to compare." in compare.content.decode()

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[principle.pk])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[principle.pk]))
    data = form_data(form)
    data["statement"] = "Only in the preview."
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)
    assert "Only in the preview." in text_of(preview)


def test_an_approved_change_can_wait_for_its_scheduled_time(
    client, editor, approver, principle, reader_client
):
    go_live = timezone.localtime(timezone.now() + timedelta(hours=2))
    edit(
        signed_in(client, editor),
        principle,
        "action-submit",
        statement="Scheduled words.",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    approve(signed_in(client, approver), principle)
    assert "Scheduled words." not in text_of(reader_client.get("/be-credible/"))

    # Two hours later, Celery beat runs the task.
    with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(minutes=1)):
        publish_scheduled_pages()
    assert "Scheduled words." in text_of(reader_client.get("/be-credible/"))
