"""Where a post goes: line manager first, then the department when its policy asks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.authority import groups
from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Authority,
    Decision,
    Outcome,
    PostStatus,
    SignOffPolicy,
    Stage,
)
from approvals.posts import deciding, services
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db


def approve(post, user, outcome=Outcome.APPROVED, reason=""):
    return deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=user,
        outcome=outcome,
        reason=reason,
    )


def refreshed(post):
    post.refresh_from_db()
    return post


def test_a_submitted_post_waits_for_the_authors_line_manager(org, make_post):
    post = make_post(org.author)
    assert post.status == PostStatus.SUBMITTED
    assert post.stage == Stage.LINE_MANAGER
    assert post.current_version.number == 1
    assert post.disclosed_position == "Digital engagement officer, Cabinet Office"
    assert AuditEvent.objects.filter(post=post, action=AuditAction.SUBMITTED).count() == 1


def test_clean_post_is_approved_by_the_line_manager_alone_when_policy_asks_only_on_findings(
    org, make_post
):
    post = make_post(org.author)
    assert post.current_version.findings == []
    approve(post, org.manager)
    assert refreshed(post).status == PostStatus.APPROVED


def test_findings_send_the_post_on_to_a_department_approver(org, make_post):
    post = make_post(org.author, text=RISKY_TEXT)
    codes = {f["code"] for f in post.current_version.findings}
    assert codes >= {"commitment", "phone-number"}
    approve(post, org.manager)
    post = refreshed(post)
    assert (post.status, post.stage) == (PostStatus.SUBMITTED, Stage.DEPARTMENT)
    approve(post, org.press)
    assert refreshed(post).status == PostStatus.APPROVED
    assert list(Decision.objects.filter(version__post=post).values_list("stage", flat=True)) == [
        Stage.LINE_MANAGER,
        Stage.DEPARTMENT,
    ]


@pytest.mark.parametrize(
    ("policy", "text", "second_step"),
    [
        (SignOffPolicy.ALWAYS, "Cabinet Office: hello.", True),
        (SignOffPolicy.NEVER, RISKY_TEXT, False),
        (SignOffPolicy.WHEN_FINDINGS, "Cabinet Office: hello.", False),
        (SignOffPolicy.WHEN_FINDINGS, RISKY_TEXT, True),
    ],
)
def test_the_departments_policy_decides_the_second_step(org, make_post, policy, text, second_step):
    org.cabinet_office.signoff_policy = policy
    org.cabinet_office.save()
    post = make_post(org.author, text=text)
    approve(post, org.manager)
    post = refreshed(post)
    assert (post.stage == Stage.DEPARTMENT) is second_step
    assert (post.status == PostStatus.APPROVED) is not second_step


def test_an_author_without_a_line_manager_goes_straight_to_the_department(org, make_post):
    post = make_post(org.manager)
    assert post.stage == Stage.DEPARTMENT


def test_a_deactivated_line_manager_is_skipped(org, make_post):
    org.manager.is_active = False
    org.manager.save()
    post = make_post(org.author)
    assert post.stage == Stage.DEPARTMENT


def test_changes_requested_then_resubmitted_freezes_a_new_version(org, make_post):
    post = make_post(org.author)
    first_version = post.current_version
    approve(post, org.manager, Outcome.CHANGES_REQUESTED, reason="Name the team.")
    post = refreshed(post)
    assert post.status == PostStatus.CHANGES_REQUESTED
    services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel=post.channel,
        account=post.account,
        text="Cabinet Office digital team: our guidance is published today.",
        link="",
        publish_at=post.publish_at,
    )
    post = services.submit_post(post_id=post.pk, author=org.author)
    assert post.current_version.number == 2
    assert post.stage == Stage.LINE_MANAGER
    first_version.refresh_from_db()
    assert first_version.text != post.current_version.text
    assert first_version.decisions.get().outcome == Outcome.CHANGES_REQUESTED


def test_editing_an_approved_post_needs_approval_again(org, make_post):
    post = make_post(org.author)
    approve(post, org.manager)
    post = services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel=post.channel,
        account=post.account,
        text=post.text + " Updated.",
        link="",
        publish_at=post.publish_at,
    )
    assert post.status == PostStatus.DRAFT
    with pytest.raises(NotAllowed):
        services.record_publication(post_id=post.pk, author=org.author, url="https://x.com/a")


def test_a_rejection_needs_a_reason(org, make_post):
    post = make_post(org.author)
    with pytest.raises(ApprovalError, match="reason"):
        approve(post, org.manager, Outcome.REJECTED, reason="   ")
    assert refreshed(post).status == PostStatus.SUBMITTED


def test_an_author_holding_publish_without_approval_may_pre_authorise_and_it_is_logged(
    org, make_post
):
    groups.authority_group(org.cabinet_office, Authority.PUBLISH_WITHOUT_APPROVAL).user_set.add(
        org.author
    )
    post = make_post(org.author, text=RISKY_TEXT, pre_authorise=True)
    assert post.status == PostStatus.APPROVED
    assert post.pre_authorised
    assert post.current_version.findings, "pre-authorised posts are still checked"
    assert AuditEvent.objects.filter(post=post, action=AuditAction.PRE_AUTHORISED).exists()


def test_pre_authorising_without_the_authority_is_refused(org, make_post):
    with pytest.raises(NotAllowed):
        make_post(org.author, pre_authorise=True)


def test_a_post_whose_time_has_passed_cannot_be_submitted_or_approved(org, make_post):
    with pytest.raises(ApprovalError, match="passed"):
        make_post(org.author, publish_at=timezone.now() - timedelta(minutes=1))
    post = make_post(org.author)
    type(post).objects.filter(pk=post.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ApprovalError, match="cannot be approved"):
        approve(refreshed(post), org.manager)


def test_publication_is_recorded_with_an_https_address(org, make_post):
    post = make_post(org.author)
    approve(post, org.manager)
    with pytest.raises(ApprovalError):
        services.record_publication(post_id=post.pk, author=org.author, url="http://x.com/1")
    services.record_publication(post_id=post.pk, author=org.author, url="https://x.com/1")
    post = refreshed(post)
    assert post.status == PostStatus.PUBLISHED
    assert post.published_url == "https://x.com/1"


def test_withdrawal_by_the_author_only(org, make_post):
    post = make_post(org.author)
    with pytest.raises(NotAllowed):
        services.withdraw_post(post_id=post.pk, author=org.manager)
    services.withdraw_post(post_id=post.pk, author=org.author, reason="Event cancelled")
    assert refreshed(post).status == PostStatus.WITHDRAWN
    with pytest.raises(AlreadyDecided, match="withdrawn"):
        approve(refreshed(post), org.manager)
