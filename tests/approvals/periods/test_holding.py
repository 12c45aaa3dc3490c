"""A period declared after posts were submitted or approved holds the ones due
to go out inside it, in the departments it covers, and tells each person once."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from approvals.errors import AlreadyDecided, ApprovalError, NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    OutboxMessage,
    Outcome,
    PostStatus,
)
from approvals.periods import services
from approvals.posts import deciding
from approvals.posts import services as post_services
from guidance.seeding import seed_guidance
from tests.approvals.periods.conftest import london
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def approve(post, by):
    deciding.decide(
        post_id=post.pk, version_id=post.current_version_id, user=by, outcome=Outcome.APPROVED
    )


def status(post):
    post.refresh_from_db()
    return post.status


def test_waiting_and_approved_posts_inside_the_period_are_held(org, make_post, declare):
    starts = timezone.now() + timedelta(days=1)
    waiting = make_post(org.author, publish_at=starts + timedelta(hours=2))
    approved = make_post(org.colleague, publish_at=starts + timedelta(hours=3))
    approve(approved, org.manager)
    before = make_post(org.author, publish_at=starts - timedelta(minutes=1))
    draft = make_post(org.author, publish_at=starts + timedelta(hours=1), submit=False)
    elsewhere = make_post(org.treasury_author, publish_at=starts + timedelta(hours=1))

    declared = declare(starts_at=starts, departments=[org.cabinet_office])

    assert declared.held == 2
    assert (status(waiting), status(approved)) == (PostStatus.HELD, PostStatus.HELD)
    assert status(before) == PostStatus.SUBMITTED
    assert status(draft) == PostStatus.DRAFT
    assert status(elsewhere) == PostStatus.SUBMITTED
    held = AuditEvent.objects.filter(action=AuditAction.HELD, period=declared.period)
    assert set(held.values_list("post_id", flat=True)) == {waiting.pk, approved.pk}
    assert AuditEvent.objects.filter(action=AuditAction.PERIOD_DECLARED).count() == 1


def test_each_author_and_approver_is_told_once(org, make_post, declare):
    starts = timezone.now() + timedelta(days=1)
    for hours in (1, 2, 3):
        make_post(org.author, publish_at=starts + timedelta(hours=hours))
    approved = make_post(org.colleague, publish_at=starts + timedelta(hours=4))
    approve(approved, org.manager)
    OutboxMessage.objects.all().delete()

    declare(starts_at=starts, departments=[org.cabinet_office])

    told = list(OutboxMessage.objects.values_list("to", flat=True))
    # The deputy covers the manager, so the waiting posts waited for them too.
    assert sorted(told) == sorted(
        [org.author.email, org.colleague.email, org.manager.email, org.deputy.email]
    )
    to_author = OutboxMessage.objects.get(to=org.author.email)
    assert to_author.subject == "Official posts held: General election 2029"
    assert to_author.body.count("/posts/") == 3
    # The manager signed off one and is asked to sign off three: all four listed.
    assert OutboxMessage.objects.get(to=org.manager.email).body.count("/posts/") == 4


def test_the_start_minute_is_inside_and_the_end_minute_outside(org, make_post, declare):
    starts = london(2027, 4, 10, 0, 1)
    ends = london(2027, 5, 7, 0, 1)
    at_start = make_post(org.author, publish_at=starts)
    at_end = make_post(org.author, publish_at=ends)
    just_before_end = make_post(org.author, publish_at=ends - timedelta(minutes=1))

    declare(starts_at=starts, ends_at=ends, departments=[org.cabinet_office])

    assert status(at_start) == PostStatus.HELD
    assert status(just_before_end) == PostStatus.HELD
    assert status(at_end) == PostStatus.SUBMITTED


def test_times_are_london_times_across_the_change_of_clock(org, make_post, declare):
    # The clocks go forward at 01:00 GMT on 28 March 2027: 00:30 London is
    # 00:30 UTC, 03:00 London is 02:00 UTC.
    starts = london(2027, 3, 28, 0, 30)
    ends = london(2027, 3, 28, 3, 0)
    assert ends.astimezone(UTC) - starts.astimezone(UTC) == timedelta(hours=1, minutes=30)
    inside = make_post(org.author, publish_at=london(2027, 3, 28, 2, 59))
    at_end = make_post(org.author, publish_at=london(2027, 3, 28, 3, 0))

    declare(starts_at=starts, ends_at=ends, departments=[org.cabinet_office])

    assert status(inside) == PostStatus.HELD
    assert status(at_end) == PostStatus.SUBMITTED


def test_agencies_are_covered_with_their_department(org, make_post, declare):
    agency = DepartmentFactory(name="Government Digital Service", parent=org.cabinet_office)
    org.colleague.staff_profile.department = agency
    org.colleague.staff_profile.save()
    post = make_post(org.colleague, publish_at=timezone.now() + timedelta(days=2))

    declare(departments=[org.cabinet_office])

    assert status(post) == PostStatus.HELD


def test_a_department_added_later_has_its_posts_held_then(org, make_post, declare):
    post = make_post(org.treasury_author, publish_at=timezone.now() + timedelta(days=2))
    period = declare(departments=[org.cabinet_office]).period
    assert status(post) == PostStatus.SUBMITTED

    changed = services.change(
        by=org.superuser,
        period_id=period.pk,
        name=period.name,
        kind=period.kind,
        starts_at=period.starts_at,
        ends_at=None,
        all_departments=False,
        departments=[org.cabinet_office, org.treasury],
    )

    assert changed.held == 1
    assert status(post) == PostStatus.HELD
    change = AuditEvent.objects.get(action=AuditAction.PERIOD_CHANGED)
    assert "HM Treasury" in change.comment.split("Now:")[1]
    assert "HM Treasury" not in change.comment.split("Now:")[0]


def test_a_period_ended_early_leaves_held_posts_held(org, make_post, declare):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(days=2))
    period = declare(starts_at=timezone.now() - timedelta(hours=1)).period
    services.end(by=org.superuser, period_id=period.pk)
    period.refresh_from_db()
    assert period.ends_at <= timezone.now()
    assert status(post) == PostStatus.HELD
    assert AuditEvent.objects.filter(action=AuditAction.PERIOD_ENDED, period=period).exists()


def test_a_held_post_cannot_be_decided(org, make_post, declare):
    post = make_post(org.author)
    declare(starts_at=timezone.now())
    with pytest.raises(AlreadyDecided, match="held"):
        approve(post, org.manager)


def test_releasing_a_held_approved_post_lets_it_go_out_as_essential(
    org, make_post, declare, sensitive_approver
):
    post = make_post(org.author)
    approve(post, org.manager)
    declare(starts_at=timezone.now())

    with pytest.raises(NotAllowed):
        services.release(post_id=post.pk, by=org.manager, reason="Public safety")
    with pytest.raises(ApprovalError, match="Say why"):
        services.release(post_id=post.pk, by=sensitive_approver, reason=" ")
    services.release(post_id=post.pk, by=sensitive_approver, reason="Public safety")

    post.refresh_from_db()
    assert (post.status, post.essential, post.essential_reason) == (
        PostStatus.APPROVED,
        True,
        "Public safety",
    )
    released = AuditEvent.objects.get(action=AuditAction.RELEASED)
    assert (released.actor, released.comment) == (sensitive_approver, "Public safety")
    # The release is the post's sensitive-period sign-off, on the record.
    signed = Decision.objects.get(version=post.current_version, stage="sensitive")
    assert (signed.decided_by, signed.reason, signed.authority) == (
        sensitive_approver,
        "Public safety",
        "sensitive",
    )


def test_releasing_a_held_waiting_post_sends_it_on_through_the_sensitive_step(
    org, make_post, declare, sensitive_approver
):
    post = make_post(org.author)
    declare(starts_at=timezone.now())
    services.release(post_id=post.pk, by=sensitive_approver, reason="Flood warning")
    post.refresh_from_db()
    assert (post.status, post.stage) == (PostStatus.SUBMITTED, "line_manager")

    approve(post, org.manager)
    post.refresh_from_db()
    assert (post.status, post.stage) == (PostStatus.SUBMITTED, "sensitive")
    approve(post, sensitive_approver)
    assert status(post) == PostStatus.APPROVED
    assert Decision.objects.get(version=post.current_version, stage="sensitive").authority == (
        "sensitive"
    )


def test_editing_a_held_post_to_after_the_period_and_resubmitting(org, make_post, declare):
    post = make_post(org.author)
    period = declare(starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=3)).period
    post_services.save_draft(
        author=org.author,
        post_id=post.pk,
        channel=post.channel,
        account=post.account,
        text=post.text,
        link=post.link,
        publish_at=period.ends_at + timedelta(hours=1),
    )
    assert status(post) == PostStatus.DRAFT
    post_services.submit_post(post_id=post.pk, author=org.author)
    assert status(post) == PostStatus.SUBMITTED


def test_only_admins_declare_and_department_admins_stop_their_own(org, make_post, declare):
    with pytest.raises(NotAllowed):
        services.declare(
            by=org.co_admin,
            name="Mine",
            kind="other",
            starts_at=timezone.now(),
            ends_at=None,
            all_departments=True,
            departments=[],
        )
    with pytest.raises(NotAllowed):
        services.stop_posting(by=org.co_admin, reason="Incident", department=None)
    with pytest.raises(NotAllowed):
        services.stop_posting(by=org.co_admin, reason="Incident", department=org.treasury)
    with pytest.raises(ApprovalError, match="why"):
        services.stop_posting(by=org.co_admin, reason="", department=org.cabinet_office)

    post = make_post(org.author, publish_at=timezone.now() + timedelta(minutes=30))
    stopped = services.stop_posting(
        by=org.co_admin, reason="Major incident in Whitehall", department=org.cabinet_office
    )
    assert stopped.held == 1
    assert status(post) == PostStatus.HELD
    assert (stopped.period.kind, stopped.period.ends_at) == ("incident", None)
    event = AuditEvent.objects.get(action=AuditAction.POSTING_STOPPED)
    assert (event.actor, event.comment) == (org.co_admin, "Major incident in Whitehall")
    # They may end their own stop.
    services.end(by=org.co_admin, period_id=stopped.period.pk)


def test_a_held_post_is_submitted_again_as_it_is_once_its_period_has_ended(org, make_post, declare):
    post = make_post(org.author, publish_at=timezone.now() + timedelta(days=2))
    period = declare(starts_at=timezone.now() - timedelta(hours=1)).period
    services.end(by=org.superuser, period_id=period.pk)
    assert status(post) == PostStatus.HELD

    post_services.submit_post(post_id=post.pk, author=org.author)

    post.refresh_from_db()
    assert (post.status, post.stage, post.current_version.number) == (
        PostStatus.SUBMITTED,
        "line_manager",
        2,
    )


def test_the_holder_of_the_authority_is_told_on_their_home_page(
    org, make_post, declare, sensitive_approver, client
):
    seed_guidance()
    make_post(org.author)
    declare(starts_at=timezone.now())
    client.force_login(sensitive_approver)
    page = client.get("/").content.decode()
    assert "1 held post waits for you to release or leave held" in page
