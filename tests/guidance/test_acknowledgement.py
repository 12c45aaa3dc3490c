"""Readers confirm they have read the principles; a change that needs it makes
everyone confirm again."""

import pytest
from django.contrib.auth.models import AnonymousUser

from guidance import selectors
from guidance.models import Acknowledgement, GuidanceVersion, PrinciplePage
from tests.guidance.conftest import text_of

pytestmark = pytest.mark.django_db

URL = "/acknowledgement/"


def confirm(client, version=1, **data):
    return client.post(URL, {"confirm": "on", "version": version, **data})


def publish_change(home, *, needs_confirming, statement="Be accurate, fair and open."):
    principle = PrinciplePage.objects.child_of(home).get(number=1)
    principle.statement = statement
    principle.requires_reacknowledgement = needs_confirming
    revision = principle.save_revision()
    revision.publish()
    return revision


def test_a_new_reader_is_told_they_have_not_confirmed(reader_client, reader, home):
    assert "Not confirmed" in text_of(reader_client.get("/"))
    assert not selectors.has_current_acknowledgement(reader)


def test_confirming_records_the_version_read_and_shows_up_to_date(reader_client, reader, home):
    response = confirm(reader_client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert Acknowledgement.objects.get(user=reader).version == 1
    assert selectors.has_current_acknowledgement(reader)
    home_text = text_of(reader_client.get("/"))
    assert "Up to date" in home_text
    assert "Thank you. You have confirmed you read the principles." in home_text
    assert "You confirmed you have read the current principles (version 1)" in home_text


def test_not_ticking_the_box_is_explained_on_the_same_page(reader_client, reader, home):
    response = reader_client.post(URL, {"version": 1})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Tick the box to confirm you have read the principles" in html
    assert "<title>Error:" in html
    assert not Acknowledgement.objects.exists()


def test_the_confirmation_page_shows_the_principles_being_confirmed(reader_client, home):
    text = text_of(reader_client.get(URL))
    assert "1. Be credible Be accurate, fair, thorough and transparent." in text
    assert "I have read the principles" in text


def test_a_change_that_needs_confirming_makes_everyone_confirm_again(reader_client, reader, home):
    confirm(reader_client)
    publish_change(home, needs_confirming=True)
    assert selectors.current_version() == 2
    assert not selectors.has_current_acknowledgement(reader)
    assert "Confirm again" in text_of(reader_client.get("/"))

    confirm(reader_client, version=2)
    assert selectors.has_current_acknowledgement(reader)
    assert list(reader.acknowledgements.values_list("version", flat=True)) == [2, 1]


def test_a_change_that_does_not_need_confirming_leaves_confirmations_current(
    reader_client, reader, home
):
    confirm(reader_client)
    publish_change(home, needs_confirming=False)
    assert selectors.current_version() == 1
    assert selectors.has_current_acknowledgement(reader)


def test_a_change_published_while_the_reader_reads_is_not_confirmed_for_them(
    reader_client, reader, home
):
    reader_client.get(URL)  # shows version 1
    publish_change(home, needs_confirming=True)
    response = confirm(reader_client, version=1)
    assert response.status_code == 200
    assert "The principles changed while you were reading them" in response.content.decode()
    assert 'name="version" value="2"' in response.content.decode()
    assert not Acknowledgement.objects.filter(user=reader).exists()


@pytest.mark.parametrize("version", ["", "abc", "0", "99", "-1"])
def test_a_tampered_version_is_refused(reader_client, reader, home, version):
    response = confirm(reader_client, version=version)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_publishing_the_same_revision_again_starts_no_second_version(home):
    revision = publish_change(home, needs_confirming=True)
    revision.publish()
    assert GuidanceVersion.objects.count() == 1
    assert GuidanceVersion.objects.get().revision == revision


def test_nobody_signed_out_has_a_current_acknowledgement():
    assert not selectors.has_current_acknowledgement(AnonymousUser())


def edit_form(page, user):
    form_class = page.get_edit_handler().get_form_class()
    latest = page.get_latest_revision_as_object()
    return form_class(instance=latest, parent_page=page.get_parent(), for_user=user)


def test_the_box_starts_unticked_for_the_next_change_once_a_ticked_one_is_published(home, editor):
    publish_change(home, needs_confirming=True)
    principle = PrinciplePage.objects.child_of(home).get(number=1)
    assert edit_form(principle, editor)["requires_reacknowledgement"].value() is False


def test_the_box_stays_ticked_while_the_change_that_ticked_it_awaits_publication(home, editor):
    principle = PrinciplePage.objects.child_of(home).get(number=1)
    principle.requires_reacknowledgement = True
    principle.save_revision(user=editor)
    assert edit_form(principle, editor)["requires_reacknowledgement"].value() is True
