"""Hostile input to granting and withdrawing authority and setting a department's
sign-off and reminder policies, on the department page and in the admin (see ``hostile``)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from approvals.authority import groups
from approvals.models import Authority, AuthorityGroup, Department, ReminderPolicy, SignOffPolicy
from approvals.models.reminders import MAX_WORKING_HOURS
from tests.security.hostile import as_user, assert_escaped, hostile, hostile_text, numbers, undone

pytestmark = pytest.mark.django_db


def authority_memberships() -> set[tuple[int, str, int]]:
    """(department, authority, person) for every grant."""
    return {
        (link.department_id, link.authority, user_id)
        for link in AuthorityGroup.objects.all()
        for user_id in link.group.user_set.values_list("pk", flat=True)
    }


@pytest.fixture
def treasury_admin(org):
    """The Treasury's head of communications administers its authority; they hold
    approve-posts and manage-delegations there, never publish-without-approval."""
    groups.authority_group(org.treasury, Authority.MANAGE_DELEGATIONS).user_set.add(
        org.treasury_manager
    )
    return org.treasury_manager


REMINDER_HOURS = ["first_after", "repeat_every", "escalate_after", "urgent_within"]


def reminder_policies() -> dict[int, tuple[int, ...]]:
    return {
        department_id: tuple(hours)
        for department_id, *hours in ReminderPolicy.objects.values_list(
            "department_id", *REMINDER_HOURS
        )
    }


def _held_by(user, department) -> set[str]:
    return {
        link.authority
        for link in AuthorityGroup.objects.filter(department=department, group__user=user)
    }


@hostile
@given(
    action=st.one_of(st.sampled_from(["grant", "withdraw", "policy", "reminders"]), hostile_text),
    person=st.one_of(
        st.sampled_from(
            ["treasury-author", "author", "press", "treasury-manager", "root", "leaver", "marked"]
        ),
        hostile_text,
    ),
    authority=st.one_of(st.sampled_from(Authority.values), hostile_text),
    policy=st.one_of(st.sampled_from(SignOffPolicy.values), hostile_text),
    hours=st.one_of(
        st.just(dict(zip(REMINDER_HOURS, ["8", "8", "24", "6"], strict=True))),
        st.fixed_dictionaries(
            {
                name: st.one_of(st.integers(min_value=-5, max_value=700).map(str), numbers)
                for name in REMINDER_HOURS
            }
        ),
    ),
    slug=st.sampled_from(["hm-treasury", "hm-treasury", "cabinet-office"]),
    forged=st.fixed_dictionaries({}, optional={"department": st.just("co"), "by": st.just("root")}),
)
def test_granting_only_what_one_holds_where_one_manages(
    org, colleagues, treasury_admin, action, person, authority, policy, hours, slug, forged
):
    users = {
        u.username: u for u in [*vars(org).values(), *colleagues.values()] if hasattr(u, "username")
    }
    holder = users.get(person)
    form = {
        "action": action,
        "grantee": person,
        "holder": str(holder.pk) if holder else person,
        "authority": authority,
        "signoff_policy": policy,
        **hours,
    }
    if forged.get("department"):
        form["department"] = str(org.cabinet_office.pk)
    if forged.get("by"):
        form["by"] = str(org.superuser.pk)
    held = _held_by(treasury_admin, org.treasury)
    client = as_user(treasury_admin)
    with undone():
        grants_before = authority_memberships()
        policies_before = dict(Department.objects.values_list("pk", "signoff_policy"))
        reminders_before = reminder_policies()
        # Each form has its own URL; any other "action" is a stray field beside the grant's.
        sent = action if action in {"grant", "withdraw", "policy", "reminders"} else "grant"
        response = client.post(reverse(f"approvals:department_{sent}", args=[slug]), form)
        assert_escaped(response)
        grants_after = authority_memberships()
        policies_after = dict(Department.objects.values_list("pk", "signoff_policy"))
        reminders_after = reminder_policies()
        added, removed = grants_after - grants_before, grants_before - grants_after
        if slug != "hm-treasury":
            assert response.status_code == 404
            assert "Priya" not in response.content.decode()  # nothing of who holds what
            assert not added and not removed and policies_after == policies_before
            assert reminders_after == reminders_before
            return
        assert response.status_code in {200, 302, 400}
        treasury_staff = {org.treasury_manager.pk, org.treasury_author.pk}
        for department_id, granted, user_id in added:
            assert department_id == org.treasury.pk
            assert granted in held
            assert user_id in treasury_staff - {treasury_admin.pk}
        for department_id, withdrawn, _ in removed:
            assert department_id == org.treasury.pk
            assert withdrawn in held
        assert len(added) + len(removed) <= 1
        if action == "grant" and person == "treasury-author" and authority in held:
            assert response.status_code == 302
            assert added == {(org.treasury.pk, authority, org.treasury_author.pk)}
        changed = {pk for pk in policies_after if policies_after[pk] != policies_before[pk]}
        assert changed <= {org.treasury.pk}
        assert set(policies_after.values()) <= set(SignOffPolicy.values)
        changed = {pk for pk in reminders_after if reminders_after[pk] != reminders_before.get(pk)}
        assert changed <= {org.treasury.pk}
        for pk in changed:
            first, repeat, escalate, urgent = reminders_after[pk]
            assert min(first, repeat, escalate, urgent) >= 1
            assert max(first, repeat, escalate) <= MAX_WORKING_HOURS and urgent <= 24 * 28
            assert escalate > first


@hostile
@given(
    action=st.one_of(st.sampled_from(["grant", "withdraw"]), hostile_text),
    person=st.one_of(st.sampled_from(["treasury-author", "author", "press", "root"]), numbers),
    authority=st.one_of(st.sampled_from(Authority.values), hostile_text),
    where=st.sampled_from(["treasury", "treasury", "cabinet_office"]),
)
def test_granting_in_the_admin_only_what_one_holds(
    org, treasury_admin, action, person, authority, where
):
    users = {u.username: u for u in vars(org).values() if hasattr(u, "username")}
    department = getattr(org, where)
    held = _held_by(treasury_admin, org.treasury)
    client = as_user(treasury_admin)
    url = reverse("signoff_authority:department", args=[department.pk])
    with undone():
        before = authority_memberships()
        response = client.post(
            url,
            {
                "action": action,
                "person": str(users[person].pk) if person in users else person,
                "authority": authority,
            },
        )
        assert_escaped(response)
        after = authority_memberships()
        if where != "treasury":
            assert response.status_code == 404
            assert after == before
            return
        assert response.status_code == 302
        for department_id, changed, user_id in after ^ before:
            assert department_id == org.treasury.pk
            assert changed in held
            assert user_id in {org.treasury_author.pk, org.treasury_manager.pk}
        assert_escaped(client.get(url))  # with its message


def test_withdrawing_authority_nobody_holds_any_more_says_so(org, treasury_admin):
    """A second click on Withdraw, or a page left open while a colleague withdrew it."""
    client = as_user(treasury_admin)
    url = reverse("approvals:department_withdraw", args=["hm-treasury"])
    withdraw = {"holder": org.treasury_author.pk, "authority": "approve_posts"}
    response = client.post(url, withdraw)
    assert response.status_code == 400
    assert "does not hold that authority" in response.content.decode()


@hostile
@given(
    person=st.one_of(
        st.sampled_from(["treasury-author", "treasury-manager", "press", "root"]),
        numbers,
        hostile_text,
    ),
    authority=st.one_of(st.sampled_from(Authority.values), hostile_text),
    slug=st.sampled_from(["hm-treasury", "hm-treasury", "cabinet-office"]),
)
def test_asking_to_withdraw_changes_nothing_and_asks_only_about_real_holdings(
    org, treasury_admin, person, authority, slug
):
    """The confirmation page, asked about anyone and anything by its query string."""
    users = {u.username: u for u in vars(org).values() if hasattr(u, "username")}
    holder = users.get(person)
    client = as_user(treasury_admin)
    url = reverse("approvals:department_withdraw", args=[slug])
    with undone():
        before = authority_memberships()
        response = client.get(
            url, {"holder": holder.pk if holder else person, "authority": authority}
        )
        assert_escaped(response)
        assert authority_memberships() == before
        held_there = slug == "hm-treasury" and holder is not None
        if response.status_code == 200:
            assert held_there and authority in _held_by(treasury_admin, org.treasury)
            assert authority in _held_by(holder, org.treasury)
        else:
            assert response.status_code == 404
