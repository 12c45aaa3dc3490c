"""Sign-off in the navigation: offered to whoever signs off at some step (a line
manager, their deputy, an approver, in a department or in a sensitive period)
and to admins, not to those nothing could ever wait for. The queue's address
still answers everyone."""

import re

import pytest
from django.urls import reverse

from approvals.authority import groups
from approvals.models import Authority, StaffProfile
from tests.approvals.conftest import _staff

pytestmark = pytest.mark.django_db

ENTRY = re.compile(r'<a class="govuk-service-navigation__link" href="/approvals/"')


def offered(client) -> bool:
    page = client.get(reverse("approvals:posts")).content.decode()
    assert 'href="/posts/"' in page  # the navigation is there
    return bool(ENTRY.search(page))


def _holder(org, name: str, authority: Authority):
    holder = _staff(name, org.cabinet_office, "Officer")
    groups.authority_group(org.cabinet_office, authority).user_set.add(holder)
    return holder


def test_a_records_officer_is_not_offered_sign_off_but_may_still_open_the_queue(org, as_user):
    client = as_user(_holder(org, "records", Authority.VIEW_RECORDS))
    assert not offered(client)
    queue = client.get(reverse("approvals:queue"))
    assert queue.status_code == 200


def test_an_author_with_no_reports_is_not_offered_sign_off(org, as_user):
    assert not offered(as_user(org.author))
    assert not offered(as_user(org.co_admin))


@pytest.mark.parametrize("who", ["manager", "deputy", "press", "treasury_manager", "superuser"])
def test_line_managers_their_deputies_approvers_and_admins_are_offered_it(org, as_user, who):
    assert offered(as_user(getattr(org, who)))


def test_an_approver_in_sensitive_periods_is_offered_it(org, as_user):
    assert offered(as_user(_holder(org, "sensitive", Authority.APPROVE_IN_SENSITIVE_PERIODS)))


def test_becoming_a_line_manager_offers_it_at_once(org, as_user):
    client = as_user(org.colleague)
    assert not offered(client)
    profile = StaffProfile.objects.get(user=org.author)
    profile.line_manager = org.colleague
    profile.save()
    assert offered(client)
