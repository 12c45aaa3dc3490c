"""The three views of who signs off a post agree, whatever the organisation: the
approvers of one post, of every post at once (as the reminders read them), and
the posts waiting for one person (the queue). Deciding is open to exactly the
approvers, on the page and in the service.

Random small organisations are built in PostgreSQL, one per example inside a
transaction rolled back at its end: departments, people (some inactive, some
without a profile), line managers, cover in and out of its dates or withdrawn,
grants of approve-posts and of approve-in-sensitive-periods in person, through
the department's own group, through groups that must give nothing, and posts
waiting at any of the three steps, some signed already."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from approvals import routing
from approvals.authority import groups
from approvals.errors import ApprovalError
from approvals.models import (
    Authority,
    Decision,
    Delegation,
    Outcome,
    Post,
    PostStatus,
    PostVersion,
    StaffProfile,
    Stage,
)
from approvals.posts import deciding, selectors
from approvals.reminders import planning
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
DEPARTMENTS = 2
COVER = {  # when cover starts and ends, in days from today, and whether it is withdrawn
    "in force": (-1, 7, False),
    "ended": (-10, -1, False),
    "not yet": (1, 5, False),
    "withdrawn": (-1, 7, True),
}
GRANTS = ("in person", "own group", "made by hand", "another department's group", "manage only")


@dataclass(frozen=True)
class Person:
    department: int
    has_profile: bool
    line_manager: int | None
    active: bool


@st.composite
def organisations(draw):
    size = draw(st.integers(min_value=2, max_value=6))
    index = st.integers(min_value=0, max_value=size - 1)
    department = st.integers(min_value=0, max_value=DEPARTMENTS - 1)
    mostly = st.sampled_from([True, True, True, False])
    people = [
        Person(
            department=draw(department),
            has_profile=draw(mostly),
            # Anyone but themself.
            line_manager=draw(st.none() | index.filter(lambda m, i=i: m != i)),
            active=draw(mostly),
        )
        for i in range(size)
    ]
    pairs = st.permutations(range(size)).map(lambda order: (order[0], order[1]))
    cover = draw(st.lists(st.tuples(pairs, st.sampled_from(list(COVER))), max_size=3))
    authority = st.sampled_from([Authority.APPROVE_POSTS, Authority.APPROVE_IN_SENSITIVE_PERIODS])
    grants = draw(
        st.lists(st.tuples(index, department, st.sampled_from(GRANTS), authority), max_size=5)
    )
    posts = draw(
        st.lists(
            st.tuples(
                index,
                department,
                st.sampled_from(list(Stage)),
                st.sampled_from([PostStatus.SUBMITTED] * 3 + [PostStatus.EXPIRED]),
                st.none() | index,
            ),
            min_size=1,
            max_size=5,
        )
    )
    return people, cover, grants, posts


def build(people, cover, grants, posts):
    departments = [
        DepartmentFactory(name=f"Department {i}", slug=f"department-{i}")
        for i in range(DEPARTMENTS)
    ]
    users = [
        User.objects.create(
            username=f"person-{i}", last_name=f"Person {i}", is_active=person.active
        )
        for i, person in enumerate(people)
    ]
    for i, person in enumerate(people):
        if person.has_profile:
            StaffProfile.objects.create(
                user=users[i],
                department=departments[person.department],
                job_title="Adviser",
                line_manager=None if person.line_manager is None else users[person.line_manager],
            )
    today = timezone.localdate()
    for (delegator, deputy), when in cover:
        starts, ends, withdrawn = COVER[when]
        Delegation.objects.create(
            delegator=users[delegator],
            deputy=users[deputy],
            starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=ends),
            withdrawn_at=timezone.now() if withdrawn else None,
            reason="Leave",
        )
    for holder, department, how, authority in grants:
        grant(users[holder], departments, department, how, authority)
    for author, department, stage, status, signer in posts:
        post = Post.objects.create(
            author=users[author],
            department=departments[department],
            disclosed_position="Adviser",
            channel="linkedin",
            account="An account",
            text="A post.",
            publish_at=timezone.now() + timedelta(days=2),
            status=status,
            stage=stage,
            submitted_at=timezone.now(),
        )
        version = PostVersion.frozen_from(post, number=1, findings=[])
        version.save()
        post.current_version = version
        post.save()
        # Only an earlier step's approval is on a version still waiting.
        if signer is not None and stage != Stage.LINE_MANAGER:
            Decision.objects.create(
                version=version,
                stage=Stage.LINE_MANAGER,
                outcome=Outcome.APPROVED,
                decided_by=users[signer],
            )
    return users


def grant(user, departments, index, how, authority):
    department, other = departments[index], departments[1 - index]
    if how == "in person":
        assign_perm(f"approvals.{authority}", user, department)
        return
    if how == "own group":
        group = groups.authority_group(department, authority)
    elif how == "made by hand":
        label = groups.label(department, authority)
        group, _ = Group.objects.get_or_create(name=f"{label} (made by hand)")
        assign_perm(f"approvals.{authority}", group, department)
    elif how == "another department's group":
        group = groups.authority_group(other, authority)
        assign_perm(f"approvals.{authority}", group, department)
    else:
        group = groups.authority_group(department, Authority.MANAGE_DELEGATIONS)
    group.user_set.add(user)


def fresh(user):
    """As the next request loads them: nothing they hold is remembered yet."""
    return User.objects.get(pk=user.pk)


def decides(user, post) -> bool:
    """Whether the service records ``user``'s decision (then taken back)."""
    try:
        with transaction.atomic():
            deciding.decide(
                post_id=post.pk,
                version_id=post.current_version_id,
                user=user,
                outcome=Outcome.APPROVED,
            )
            transaction.set_rollback(True)
    except ApprovalError:
        return False
    return True


def check(users):
    posts = list(Post.objects.select_related("author", "department").order_by("pk"))
    one = {post.pk: frozenset(user.pk for user in routing.approvers_of(post)) for post in posts}

    rows = Post.objects.values(*routing.ROUTE_COLUMNS)
    routes = map(routing.route_from_row, rows)
    many = routing.approvers_of_many(routes, on=timezone.localdate()).approvers
    assert many == one
    # Read for one department's posts only (the reports), the same for those posts.
    for department in {post.department_id for post in posts}:
        in_it = [routing.route_from_row(row) for row in rows if row["department_id"] == department]
        some = routing.approvers_of_many(in_it, on=timezone.localdate(), departments=[department])
        assert some.approvers == {route.post: one[route.post] for route in in_it}
    planned = {wait.post_id: wait.approvers for wait in planning.plan(now=timezone.now()).waits}
    assert planned == {pk: ids for pk, ids in one.items() if ids or pk in planned}
    assert planned.keys() == {post.pk for post in posts if post.status == PostStatus.SUBMITTED}

    for user in users:
        queue = set(selectors.waiting_for(fresh(user)).values_list("pk", flat=True))
        assert queue == {pk for pk, ids in one.items() if user.pk in ids}
        assert selectors.count_waiting_for(fresh(user)) == len(queue)
        for post in posts:
            among = user.pk in one[post.pk]
            viewer = fresh(user)
            _, route = selectors.post_for_viewer(viewer, post.pk)
            assert (route is not None and routing.may_decide(viewer, route)) == among
            assert decides(fresh(user), post) == among


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(organisations())
def test_the_three_views_of_who_signs_off_agree(db, organisation):
    with transaction.atomic():
        check(build(*organisation))
        transaction.set_rollback(True)
