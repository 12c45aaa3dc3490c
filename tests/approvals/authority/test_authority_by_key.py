"""Authority is found by its department and its kind, never by a group's name:
a group made by hand, whatever it is called, gives its members nothing, and a
department's name can change or be reused without a grant failing."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from approvals import routing
from approvals.authority import groups, holdings, selectors, services
from approvals.errors import NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    DepartmentGroupObjectPermission,
    SignOffPolicy,
)
from approvals.posts import deciding
from approvals.posts import selectors as posts_selectors
from approvals.reminders import planning
from tests.approvals.conftest import RISKY_TEXT
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def staff(username, department, line_manager=None):
    user = UserFactory(username=username)
    StaffProfileFactory(user=user, department=department, line_manager=line_manager)
    return user


def browser(user) -> Client:
    """A signed-in browser that sees a server error as a 500, as a user would."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def at_department_step(make_post, author, manager):
    post = make_post(author, text=RISKY_TEXT)
    deciding.decide(
        post_id=post.pk, version_id=post.current_version_id, user=manager, outcome="approved"
    )
    post.refresh_from_db()
    assert post.stage == "department"
    return post


def has_no_say(user, post):
    """Everything a person with authority would notice: the post in their queue,
    on the queue page, in their reminders, and the decision open to them."""
    user = fresh(user)
    assert post not in posts_selectors.waiting_for(user)
    assert not routing.may_decide(user, routing.route_of(post, line_manager=None))
    assert user not in routing.approvers_of(post)
    (wait,) = [w for w in planning.plan(now=timezone.now()).waits if w.post_id == post.pk]
    assert user.pk not in wait.department_approvers
    client = browser(user)
    assert post.text not in client.get(reverse("approvals:queue")).content.decode()
    assert client.get(reverse("approvals:decide", args=[post.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        deciding.decide(
            post_id=post.pk, version_id=post.current_version_id, user=user, outcome="approved"
        )


@pytest.fixture
def agency(org):
    """A department where nobody has been granted anything yet."""
    ccs = DepartmentFactory(
        name="Crown Commercial Service", slug="ccs", signoff_policy=SignOffPolicy.ALWAYS
    )
    head = staff("ccs-head", ccs)
    return {
        "department": ccs,
        "head": head,
        "buyer": staff("ccs-buyer", ccs, line_manager=head),
        "approver": staff("ccs-approver", ccs),
        "outsider": staff("ccs-outsider", ccs),
    }


def grant(department, grantee, by, authority=Authority.APPROVE_POSTS):
    services.grant_authority(
        department_id=department.pk, authority=authority, grantee=grantee, by=fresh(by)
    )


def test_a_group_made_by_hand_with_an_authority_groups_name_gives_its_members_nothing(
    org, agency, make_post
):
    ccs = agency["department"]
    squatters = Group.objects.create(name="Crown Commercial Service: Approve posts")
    squatters.user_set.add(agency["outsider"])

    grant(ccs, agency["approver"], org.superuser)
    post = at_department_step(make_post, agency["buyer"], agency["head"])

    assert post in posts_selectors.waiting_for(fresh(agency["approver"]))
    has_no_say(agency["outsider"], post)
    assert not DepartmentGroupObjectPermission.objects.filter(group=squatters).exists()
    assert list(selectors.holders_of(ccs, Authority.APPROVE_POSTS)) == [agency["approver"]]


def test_a_group_squatting_the_name_an_authority_group_would_take_fails_no_grant(
    org, agency, make_post
):
    from approvals.authority import groups as authority_groups

    ccs = agency["department"]
    squatters = Group.objects.create(name=authority_groups.label(ccs, Authority.APPROVE_POSTS))
    squatters.user_set.add(agency["outsider"])

    response = browser(org.superuser).post(
        reverse("approvals:department_grant", args=[ccs.slug]),
        {"grantee": "ccs-approver", "authority": Authority.APPROVE_POSTS},
    )

    assert response.status_code == 302
    post = at_department_step(make_post, agency["buyer"], agency["head"])
    assert post in posts_selectors.waiting_for(fresh(agency["approver"]))
    has_no_say(agency["outsider"], post)
    group = groups.authority_group(ccs, Authority.APPROVE_POSTS)
    assert group != squatters and group.name.startswith(squatters.name)


def test_permission_given_by_hand_outside_the_keyed_groups_gives_nothing(org, make_post):
    """Only a department's own group for an authority carries it, and only there."""
    hand_made = Group.objects.create(name="Cabinet Office approvers (copy)")
    assign_perm(f"approvals.{Authority.APPROVE_POSTS}", hand_made, org.cabinet_office)
    hand_made.user_set.add(org.colleague)
    treasury_approvers = groups.authority_group(org.treasury, Authority.APPROVE_POSTS)
    assign_perm(f"approvals.{Authority.APPROVE_POSTS}", treasury_approvers, org.cabinet_office)

    post = at_department_step(make_post, org.author, org.manager)

    assert post in posts_selectors.waiting_for(fresh(org.press))
    has_no_say(org.colleague, post)
    has_no_say(org.treasury_manager, post)


def test_a_renamed_department_and_a_new_one_with_its_old_name_each_get_their_own_grants(org):
    old = org.cabinet_office
    admin = browser(org.superuser)
    renamed = admin.post(
        reverse("signoff_departments:edit", args=[old.pk]),
        {
            "name": "Cabinet Office (closing)",
            "slug": old.slug,
            "abbreviation": old.abbreviation,
            "parent": "",
            "signoff_policy": old.signoff_policy,
        },
    )
    assert renamed.status_code == 302
    new = DepartmentFactory(name="Cabinet Office", slug="cabinet-office-2")
    newcomer = staff("newcomer", new)

    granted_new = admin.post(
        reverse("approvals:department_grant", args=[new.slug]),
        {"grantee": "newcomer", "authority": Authority.APPROVE_POSTS},
    )
    granted_old = admin.post(
        reverse("approvals:department_grant", args=[old.slug]),
        {"grantee": "colleague", "authority": Authority.APPROVE_POSTS},
    )

    assert (granted_new.status_code, granted_old.status_code) == (302, 302)
    assert holdings.departments_with(fresh(newcomer), Authority.APPROVE_POSTS) == {new.pk}
    assert holdings.departments_with(fresh(org.colleague), Authority.APPROVE_POSTS) == {old.pk}
    assert holdings.departments_with(fresh(org.press), Authority.APPROVE_POSTS) == {old.pk}
    assert selectors.holders_of(new, Authority.APPROVE_POSTS) == [newcomer]
    granted = AuditEvent.objects.filter(action=AuditAction.AUTHORITY_GRANTED)
    assert {(e.subject, e.department) for e in granted} == {
        (newcomer, new),
        (org.colleague, old),
    }
    names = {
        department: groups.authority_group(department, Authority.APPROVE_POSTS).name
        for department in (old, new)
    }
    assert "Cabinet Office (closing)" in names[old]
    assert "Cabinet Office" in names[new] and "closing" not in names[new]


def test_renaming_keeps_the_labels_in_step_even_when_a_name_is_taken(org):
    from approvals.authority import groups as authority_groups

    department = org.cabinet_office
    department.name = "Office of the Cabinet"
    taken = Group.objects.create(name=authority_groups.label(department, Authority.APPROVE_POSTS))

    department.save()

    approvers = groups.authority_group(department, Authority.APPROVE_POSTS)
    admins = groups.authority_group(department, Authority.MANAGE_DELEGATIONS)
    assert approvers != taken and approvers.name.startswith(taken.name)
    assert admins.name == authority_groups.label(department, Authority.MANAGE_DELEGATIONS)
    assert holdings.holds(fresh(org.press), Authority.APPROVE_POSTS, department.pk)


def test_a_very_long_department_name_still_makes_its_groups(org):
    long = DepartmentFactory(name="Department for " + "Very Long Names " * 11, slug="long")
    member = staff("long-staffer", long)

    grant(long, member, org.superuser, Authority.MANAGE_DELEGATIONS)

    assert holdings.may_manage(fresh(member), long.pk)
    assert len(groups.authority_group(long, Authority.MANAGE_DELEGATIONS).name) <= 150


def test_granting_and_withdrawing_still_record_who_and_where(org):
    grant(org.cabinet_office, org.colleague, org.superuser)
    services.withdraw_authority(
        department_id=org.cabinet_office.pk,
        authority=Authority.APPROVE_POSTS,
        holder=org.colleague,
        by=fresh(org.superuser),
    )
    trail = AuditEvent.objects.filter(subject=org.colleague).order_by("pk")
    assert [(e.action, e.actor, e.department, e.comment) for e in trail] == [
        (AuditAction.AUTHORITY_GRANTED, org.superuser, org.cabinet_office, "Approve posts"),
        (AuditAction.AUTHORITY_WITHDRAWN, org.superuser, org.cabinet_office, "Approve posts"),
    ]
    assert not holdings.holds(fresh(org.colleague), Authority.APPROVE_POSTS, org.cabinet_office.pk)
