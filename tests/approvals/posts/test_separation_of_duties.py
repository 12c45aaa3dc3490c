"""Who may decide: never the author, never a deactivated user, never outside a cover's dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.authority import groups, holdings, services
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import Authority, Delegation, Outcome, PostStatus, Stage
from approvals.posts import deciding, selectors
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db


def decide(post, user, outcome=Outcome.APPROVED, reason=""):
    post.refresh_from_db()
    return deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=user,
        outcome=outcome,
        reason=reason,
    )


def fresh(user):
    """A new user object, as the next request would load it (no cached permissions)."""
    return type(user).objects.get(pk=user.pk)


def test_an_author_never_decides_their_own_post_even_holding_authority(org, make_post):
    groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.add(org.manager)
    post = make_post(org.manager, text=RISKY_TEXT)
    assert post.stage == Stage.DEPARTMENT
    with pytest.raises(NotAllowed):
        decide(post, fresh(org.manager))
    assert post not in selectors.waiting_for(fresh(org.manager))
    decide(post, org.press)


def test_the_second_sign_off_must_come_from_someone_else(org, make_post):
    groups.authority_group(org.cabinet_office, Authority.APPROVE_POSTS).user_set.add(org.manager)
    post = make_post(org.author, text=RISKY_TEXT)
    decide(post, fresh(org.manager))
    post.refresh_from_db()
    assert post.stage == Stage.DEPARTMENT
    with pytest.raises(ApprovalError, match="someone else"):
        decide(post, fresh(org.manager))
    assert post not in selectors.waiting_for(fresh(org.manager))
    assert post in selectors.waiting_for(fresh(org.press))


@pytest.mark.parametrize("who", ["colleague", "co_admin", "treasury_manager", "superuser"])
def test_people_without_a_route_to_the_post_cannot_decide_it(org, make_post, who):
    post = make_post(org.author)
    with pytest.raises(NotAllowed):
        decide(post, getattr(org, who))
    assert post not in selectors.waiting_for(getattr(org, who))


def test_a_department_approver_cannot_decide_at_the_line_manager_step(org, make_post):
    post = make_post(org.author)
    with pytest.raises(NotAllowed):
        decide(post, org.press)


def test_authority_in_one_department_decides_nothing_in_another(org, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    decide(post, org.manager)
    with pytest.raises(NotAllowed):
        decide(post, org.treasury_manager)


def test_a_deactivated_line_manager_decides_nothing(org, make_post):
    post = make_post(org.author)
    org.manager.is_active = False
    org.manager.save()
    with pytest.raises(NotAllowed):
        decide(post, fresh(org.manager))


def test_a_deputy_decides_within_the_dates_of_their_cover(org, make_post):
    post = make_post(org.author)
    assert post in selectors.waiting_for(org.deputy)
    decide(post, org.deputy)
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED


@pytest.mark.parametrize(
    ("starts", "ends"),
    [(-10, -1), (1, 5)],
    ids=["cover ended yesterday", "cover starts tomorrow"],
)
def test_a_deputy_outside_the_dates_decides_nothing(org, make_post, starts, ends):
    today = timezone.localdate()
    Delegation.objects.update(
        starts_on=today + timedelta(days=starts), ends_on=today + timedelta(days=ends)
    )
    post = make_post(org.author)
    with pytest.raises(NotAllowed):
        decide(post, fresh(org.deputy))
    assert post not in selectors.waiting_for(fresh(org.deputy))


def test_withdrawn_cover_or_a_deactivated_manager_grants_the_deputy_nothing(org, make_post):
    post = make_post(org.author)
    delegation = Delegation.objects.get()
    services.withdraw_cover(delegation_id=delegation.pk, by=org.manager)
    with pytest.raises(NotAllowed):
        decide(post, fresh(org.deputy))
    Delegation.objects.update(withdrawn_at=None)
    org.manager.is_active = False
    org.manager.save()
    assert not holdings.managers_covered_by(fresh(org.deputy))


def test_a_deactivated_deputy_decides_nothing(org, make_post):
    post = make_post(org.author)
    org.deputy.is_active = False
    org.deputy.save()
    with pytest.raises(NotAllowed):
        decide(post, fresh(org.deputy))


def test_a_withdrawn_grant_decides_nothing(org, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    decide(post, org.manager)
    services.withdraw_authority(
        department_id=org.cabinet_office.pk,
        authority=Authority.APPROVE_POSTS,
        holder=org.press,
        by=org.superuser,
    )
    with pytest.raises(NotAllowed):
        decide(post, fresh(org.press))
