"""In a sensitive period a post goes only as essential, with a reason, and then
needs the further sign-off of someone holding approve-in-sensitive-periods."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals import routing
from approvals.authority import groups
from approvals.errors import ApprovalError, EssentialOnly
from approvals.models import AuditAction, AuditEvent, Authority, Outcome, PostStatus
from approvals.periods import services as period_services
from approvals.posts import deciding, services
from approvals.routing import ahead

pytestmark = pytest.mark.django_db


def test_an_ordinary_post_in_a_period_is_refused_with_what_to_do(org, make_post, declare):
    declare(departments=[org.cabinet_office], name="Referendum on the Thames")
    draft = make_post(org.author, submit=False)
    with pytest.raises(EssentialOnly, match="during Referendum on the Thames"):
        services.submit_post(post_id=draft.pk, author=org.author)
    draft.refresh_from_db()
    assert draft.status == PostStatus.DRAFT


def test_an_essential_post_takes_the_sensitive_step_after_the_usual_ones(
    org, make_post, declare, sensitive_approver
):
    declare(departments=[org.cabinet_office])
    post = make_post(org.author, essential_reason="Public health advice")
    assert (post.status, post.stage, post.essential) == (PostStatus.SUBMITTED, "line_manager", True)
    submitted = AuditEvent.objects.get(action=AuditAction.SUBMITTED, post=post)
    assert "Public health advice" in submitted.comment

    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    post.refresh_from_db()
    assert post.stage == "sensitive"
    assert [user.pk for user in routing.approvers_of(post)] == [sensitive_approver.pk]
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=sensitive_approver,
        outcome=Outcome.APPROVED,
    )
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED


def test_the_author_sees_the_sensitive_step_before_submitting(
    org, make_post, declare, sensitive_approver
):
    post = make_post(org.author, submit=False)
    steps = ahead.steps_ahead(post, essential=True)
    assert [step.stage for step in steps] == ["line_manager", "sensitive"]
    assert steps[1].people == [sensitive_approver]


def test_publish_without_approval_does_not_bypass_a_period(org, make_post, declare):
    groups.authority_group(org.cabinet_office, Authority.PUBLISH_WITHOUT_APPROVAL).user_set.add(
        org.author
    )
    declare(departments=[org.cabinet_office])
    draft = make_post(org.author, submit=False)
    with pytest.raises(ApprovalError, match="does not apply in a sensitive period"):
        services.submit_post(
            post_id=draft.pk, author=org.author, pre_authorise=True, essential_reason="Urgent"
        )


def test_a_post_after_the_period_or_elsewhere_goes_as_usual(org, make_post, declare):
    period = declare(
        departments=[org.cabinet_office], ends_at=timezone.now() + timedelta(days=2)
    ).period
    after = make_post(org.author, publish_at=period.ends_at)
    treasury = make_post(org.treasury_author, publish_at=period.starts_at + timedelta(hours=1))
    assert (after.status, after.essential) == (PostStatus.SUBMITTED, False)
    assert (treasury.status, treasury.essential) == (PostStatus.SUBMITTED, False)


def test_essential_for_one_period_is_no_judgement_about_another(org, make_post, declare):
    period = declare(departments=[org.cabinet_office]).period
    post = make_post(org.author, essential_reason="Public health advice")
    assert post.essential_for == period

    # Its own period, changed, does not hold it again; another period, or a stop, does.
    services_changed = period_services.change(
        by=org.superuser,
        period_id=period.pk,
        name=period.name,
        kind=period.kind,
        starts_at=period.starts_at,
        ends_at=period.ends_at,
        all_departments=True,
        departments=[],
    )
    assert services_changed.held == 0
    stopped = period_services.stop_posting(by=org.superuser, reason="Major incident")
    assert stopped.held == 1
    post.refresh_from_db()
    assert post.status == PostStatus.HELD
