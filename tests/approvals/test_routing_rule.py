"""The sign-off rule over plain data: no database, no cache."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from approvals.models import Stage
from approvals.routing.rule import Route, World, approvers, signers

pytestmark = pytest.mark.unit

AUTHOR, MANAGER, DEPUTY, PRESS, OTHER = 1, 2, 3, 4, 5
HOME, ELSEWHERE = 10, 20

WORLD = World(
    covers={MANAGER: frozenset({DEPUTY})},
    holders={HOME: frozenset({PRESS}), ELSEWHERE: frozenset({OTHER})},
)


def route(stage=Stage.LINE_MANAGER, **fields) -> Route:
    fields = {
        "post": 100,
        "version": 200,
        "waiting": True,
        "stage": stage,
        "author": AUTHOR,
        "department": HOME,
        "line_manager": MANAGER,
        **fields,
    }
    return Route(**fields)


def test_the_first_step_is_the_line_manager_and_whoever_covers_them():
    assert approvers(route(), WORLD) == {MANAGER, DEPUTY}


def test_the_second_step_is_whoever_holds_approve_posts_in_the_department():
    assert approvers(route(Stage.DEPARTMENT), WORLD) == {PRESS}


def test_without_an_active_line_manager_nobody_signs_the_first_step():
    assert approvers(route(line_manager=None), WORLD) == set()


def test_cover_for_someone_else_gives_nothing():
    assert approvers(route(line_manager=OTHER), WORLD) == {OTHER}


def test_an_author_never_signs_off_their_own_post():
    covering_own_manager = World(covers={MANAGER: frozenset({DEPUTY, AUTHOR})})
    assert approvers(route(), covering_own_manager) == {MANAGER, DEPUTY}
    holding_authority = World(holders={HOME: frozenset({PRESS, AUTHOR})})
    assert approvers(route(Stage.DEPARTMENT), holding_authority) == {PRESS}


def test_nobody_signs_the_same_version_twice():
    both = World(holders={HOME: frozenset({PRESS, MANAGER})})
    after_the_manager = route(Stage.DEPARTMENT, signed=frozenset({MANAGER}))
    assert approvers(after_the_manager, both) == {PRESS}
    assert signers(after_the_manager, both) == {PRESS, MANAGER}


def test_a_post_not_waiting_waits_for_nobody_though_its_step_still_has_signers():
    expired = route(waiting=False)
    assert approvers(expired, WORLD) == set()
    assert signers(expired, WORLD) == {MANAGER, DEPUTY}


def test_no_step_no_signers():
    assert signers(route(stage=""), WORLD) == set()


people = st.integers(min_value=1, max_value=6)
groups_of_people = st.frozensets(people, max_size=4)
worlds = st.builds(
    World,
    covers=st.dictionaries(people, groups_of_people, max_size=4),
    holders=st.dictionaries(st.sampled_from([HOME, ELSEWHERE]), groups_of_people),
)
routes = st.builds(
    Route,
    post=st.just(100),
    version=st.just(200),
    waiting=st.booleans(),
    stage=st.sampled_from([Stage.LINE_MANAGER, Stage.DEPARTMENT, ""]),
    author=people,
    department=st.sampled_from([HOME, ELSEWHERE]),
    line_manager=st.none() | people,
    signed=groups_of_people,
)


def as_seen_by(person: int, world: World) -> World:
    """Only what ``person`` holds: the world ``routing.world_of`` reads for them."""
    return World(
        covers={m: frozenset({person}) for m, ds in world.covers.items() if person in ds},
        holders={d: frozenset({person}) for d, hs in world.holders.items() if person in hs},
    )


@given(routes, worlds, people)
def test_one_persons_world_answers_for_them_as_the_whole_world_does(route, world, person):
    """Why ``may_decide`` need read only what the person asking holds."""
    for rule in (signers, approvers):
        assert (person in rule(route, world)) == (person in rule(route, as_seen_by(person, world)))


@given(routes, worlds)
def test_the_approvers_are_the_signers_less_those_who_signed(route, world):
    expected = signers(route, world) - route.signed if route.waiting else frozenset()
    assert approvers(route, world) == expected
    assert route.author not in signers(route, world)


@given(routes, worlds)
def test_the_steps_never_mix(route, world):
    """The holders of authority have no say at the line manager's step, nor the line
    manager and their deputies at the department's (unless they also hold authority)."""
    at_line_manager = signers(replace(route, stage=Stage.LINE_MANAGER), world)
    at_department = signers(replace(route, stage=Stage.DEPARTMENT), world)
    assert at_line_manager <= {route.line_manager, *world.covers.get(route.line_manager, ())}
    assert at_department <= world.holders.get(route.department, frozenset())
