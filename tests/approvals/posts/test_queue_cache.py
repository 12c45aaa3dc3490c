"""The cached queue follows every change to who signs off what."""

import pytest
from django.urls import reverse

from approvals.authority import groups
from approvals.models import Authority, StaffProfile

pytestmark = pytest.mark.django_db


def queue_html(client, user):
    client.force_login(user)
    return client.get(reverse("approvals:queue")).content.decode()


def test_a_new_line_manager_sees_the_post_and_the_old_one_no_longer_does(
    org, make_post, client, django_capture_on_commit_callbacks
):
    make_post(org.author, text="Cabinet Office: routed by line management.")
    assert "routed by line management" in queue_html(client, org.manager)
    profile = StaffProfile.objects.get(user=org.author)
    profile.line_manager = org.press
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    assert "routed by line management" not in queue_html(client, org.manager)
    assert "routed by line management" in queue_html(client, org.press)


def test_joining_an_authority_group_directly_shows_the_departments_posts(
    org, make_post, client, django_capture_on_commit_callbacks
):
    post = make_post(org.manager, text="Cabinet Office: waiting in the department.")
    assert post.stage == "department"
    assert "waiting in the department" not in queue_html(client, org.colleague)
    group = groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS)
    with django_capture_on_commit_callbacks(execute=True):
        org.colleague.groups.add(group)
    assert "waiting in the department" in queue_html(client, org.colleague)
