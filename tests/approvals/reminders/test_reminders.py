"""Reminders, escalation and digests: who is reminded of what, when, and only once.

The sweep is given the time (``now``) so that working hours are exact: the
tests' clock is Wednesday 10 June 2026, 10:00 in London.
"""

import re
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from approvals.authority import services
from approvals.errors import ApprovalError, NotAllowed
from approvals.models import (
    AuditAction,
    AuditEvent,
    Decision,
    Delegation,
    OutboxMessage,
    Outcome,
    Post,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    Stage,
)
from approvals.posts import deciding, selectors
from approvals.reminders import planning, sending
from approvals.reminders import policy as reminders_policy
from tests.approvals.conftest import RISKY_TEXT
from tests.factories import StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 10, 10, 0, tzinfo=LONDON)  # a Wednesday
LINK = re.compile(r"/approvals/(\d+)/")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def waited(post, since: datetime) -> Post:
    Post.objects.filter(pk=post.pk).update(submitted_at=since)
    return post


def digests(user=None) -> list[OutboxMessage]:
    messages = OutboxMessage.objects.filter(key__startswith="reminders:").order_by("pk")
    if user is not None:
        messages = messages.filter(to=user.email)
    return list(messages)


def linked(message) -> list[int]:
    return [int(pk) for pk in LINK.findall(message.body)]


@pytest.fixture
def cover(org):
    """The deputy covers the manager on the tests' day."""
    Delegation.objects.filter(delegator=org.manager).update(
        starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30)
    )


@pytest.fixture
def director(org):
    """The manager's own line manager, who hears of escalations."""
    director = UserFactory(username="director")
    StaffProfileFactory(user=director, department=org.cabinet_office, job_title="Director")
    org.manager.staff_profile.line_manager = director
    org.manager.staff_profile.save()
    return director


# Policy ----------------------------------------------------------------------------


def test_a_department_without_a_policy_follows_the_settings_defaults(org, settings):
    policy = reminders_policy.policy_for(org.cabinet_office.pk)
    assert policy._state.adding
    defaults = settings.APPROVALS_REMINDER_DEFAULTS
    assert (policy.first_after, policy.repeat_every) == (
        defaults["first_after"],
        defaults["repeat_every"],
    )
    assert (policy.escalate_after, policy.urgent_within) == (
        defaults["escalate_after"],
        defaults["urgent_within"],
    )


def test_a_department_admin_sets_the_policy_and_it_is_audited(org):
    policy = reminders_policy.set_reminder_policy(
        department_id=org.cabinet_office.pk,
        by=org.co_admin,
        first_after=8,
        repeat_every=16,
        escalate_after=40,
        urgent_within=6,
    )
    assert ReminderPolicy.objects.get(pk=org.cabinet_office.pk) == policy
    assert (policy.first_after, policy.updated_by) == (8, org.co_admin)
    event = AuditEvent.objects.get(action=AuditAction.POLICY_CHANGED)
    assert event.actor == org.co_admin and "after 8 working hours" in event.comment

    again = {"first_after": 8, "repeat_every": 16, "escalate_after": 40, "urgent_within": 6}
    reminders_policy.set_reminder_policy(
        department_id=org.cabinet_office.pk, by=org.co_admin, **again
    )
    assert AuditEvent.objects.filter(action=AuditAction.POLICY_CHANGED).count() == 1


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ((24, 24, 24, 12), "Escalation must come after the first reminder."),
        ((0, 24, 48, 12), "First reminder after: Ensure this value is greater than or equal to 1"),
        ((24, 24, 48, 10_000), "Urgent when it goes out within"),
    ],
)
def test_a_policy_that_makes_no_sense_is_refused(org, hours, message):
    first, repeat, escalate, urgent = hours
    with pytest.raises(ApprovalError, match=message):
        reminders_policy.set_reminder_policy(
            department_id=org.cabinet_office.pk,
            by=org.co_admin,
            first_after=first,
            repeat_every=repeat,
            escalate_after=escalate,
            urgent_within=urgent,
        )
    assert not ReminderPolicy.objects.exists()


def test_only_an_admin_of_the_department_sets_its_policy(org):
    for outsider in (org.press, org.manager, org.treasury_manager):
        with pytest.raises(NotAllowed):
            reminders_policy.set_reminder_policy(
                department_id=org.cabinet_office.pk,
                by=outsider,
                first_after=8,
                repeat_every=8,
                escalate_after=16,
                urgent_within=4,
            )
    assert not ReminderPolicy.objects.exists()


# Reminders -------------------------------------------------------------------------


def test_nothing_is_sent_before_the_first_reminder_is_due(org, make_post, cover):
    waited(make_post(org.author), NOW - timedelta(hours=23))
    result = sending.sweep(now=NOW)
    assert (result.waiting, result.reminders, result.digests) == (1, 0, 0)
    assert not Reminder.objects.exists()


def test_the_first_reminder_goes_to_the_manager_and_the_deputy_covering_them(org, make_post, cover):
    post = waited(make_post(org.author), NOW - timedelta(hours=25))
    result = sending.sweep(now=NOW)
    assert (result.reminders, result.digests) == (2, 2)
    assert {m.to for m in digests()} == {org.manager.email, org.deputy.email}
    message = digests(org.manager)[0]
    assert message.subject == "A proposed post waits for your sign-off"
    assert f"http://127.0.0.1:8000/approvals/{post.pk}/" in message.body
    assert "Waiting for the line manager since 9 June 2026, 09:00: 25 working hours" in (
        message.body
    )
    assert not digests(org.press) and not digests(org.author)


def test_when_cover_is_withdrawn_the_deputy_is_no_longer_reminded(org, make_post, cover):
    services.withdraw_cover(
        delegation_id=Delegation.objects.get(delegator=org.manager).pk, by=org.manager
    )
    waited(make_post(org.author), NOW - timedelta(hours=25))
    sending.sweep(now=NOW)
    assert [m.to for m in digests()] == [org.manager.email]


def test_a_sweep_run_again_sends_nothing_until_the_next_reminder_is_due(org, make_post, cover):
    ReminderPolicy.objects.create(
        department=org.cabinet_office,
        first_after=24,
        repeat_every=12,
        escalate_after=100,
        urgent_within=1,
    )
    waited(make_post(org.author), NOW - timedelta(hours=25))
    sending.sweep(now=NOW)
    assert sending.sweep(now=NOW).digests == 0
    assert sending.sweep(now=NOW + timedelta(hours=10)).digests == 0
    assert len(digests()) == 2

    second = sending.sweep(now=NOW + timedelta(hours=12))  # 37 working hours
    assert (second.reminders, second.digests) == (2, 2)
    assert sorted(Reminder.objects.values_list("number", flat=True)) == [1, 1, 2, 2]
    assert sending.sweep(now=NOW + timedelta(hours=12)).digests == 0


def test_one_email_per_approver_lists_everything_waiting_for_them_oldest_first(
    org, make_post, cover
):
    newest = waited(make_post(org.colleague), NOW - timedelta(hours=2))  # not due yet
    oldest = waited(make_post(org.author), NOW - timedelta(hours=60))
    middle = waited(make_post(org.author), NOW - timedelta(hours=30))
    ReminderPolicy.objects.create(
        department=org.cabinet_office,
        first_after=24,
        repeat_every=24,
        escalate_after=200,
        urgent_within=1,
    )
    sending.sweep(now=NOW)
    [message] = digests(org.manager)
    assert message.subject == "3 proposed posts wait for your sign-off"
    assert linked(message) == [oldest.pk, middle.pk, newest.pk]


def test_the_digest_lists_what_the_queue_shows(org, make_post):
    """Real time here: the fixture's cover and the queue's selector use today."""
    now = timezone.now()
    for author in (org.author, org.colleague, org.author):
        waited(make_post(author), now - timedelta(days=20))
    second_step = make_post(org.colleague, text=RISKY_TEXT)
    deciding.decide(
        post_id=second_step.pk,
        version_id=second_step.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    Decision.objects.filter(version__post=second_step).update(created_at=now - timedelta(days=20))
    sending.sweep(now=now)
    for user in (org.manager, org.deputy, org.press):
        [message] = digests(user)
        assert linked(message)[: selectors.count_waiting_for(user)] == list(
            selectors.waiting_for(user).values_list("pk", flat=True)
        )
    assert not digests(org.co_admin)


def test_the_department_step_waits_from_the_managers_approval_and_skips_the_manager(
    org, make_post, cover
):
    post = waited(make_post(org.author, text=RISKY_TEXT), NOW - timedelta(hours=100))
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    approval = Decision.objects.get(version__post=post)
    approval.created_at = NOW - timedelta(hours=10)
    approval.save()
    assert sending.sweep(now=NOW).digests == 0

    sending.sweep(now=NOW + timedelta(hours=15))
    assert [m.to for m in digests()] == [org.press.email]
    assert Reminder.objects.get().stage == Stage.DEPARTMENT


def test_an_approver_who_signed_off_the_first_step_is_not_reminded_of_the_second(org, make_post):
    """In HM Treasury the line manager also holds approve-posts."""
    post = waited(make_post(org.treasury_author), NOW - timedelta(hours=30))
    deciding.decide(
        post_id=post.pk,
        version_id=post.current_version_id,
        user=org.treasury_manager,
        outcome=Outcome.APPROVED,
    )
    Decision.objects.filter(version__post=post).update(created_at=NOW - timedelta(hours=30))
    assert sending.sweep(now=NOW).waiting == 1
    assert not digests()


def test_an_urgent_post_is_reminded_at_once_and_only_once(org, make_post, cover):
    post = waited(make_post(org.author), NOW - timedelta(hours=1))
    Post.objects.filter(pk=post.pk).update(publish_at=NOW + timedelta(hours=11))
    sending.sweep(now=NOW)
    message = digests(org.manager)[0]
    assert message.subject == "A proposed post waits for your sign-off (urgent)"
    assert "1. URGENT: " in message.body
    assert set(Reminder.objects.values_list("kind", flat=True)) == {ReminderKind.URGENT}
    assert sending.sweep(now=NOW + timedelta(hours=1)).digests == 0


def test_escalation_reaches_the_managers_manager_the_department_and_the_author(
    org, make_post, cover, director
):
    post = waited(make_post(org.author), NOW - timedelta(hours=50))
    sending.sweep(now=NOW)
    told = {m.to: m for m in digests()}
    assert set(told) == {
        org.manager.email,
        org.deputy.email,
        director.email,
        org.press.email,
        org.author.email,
    }
    assert told[director.email].subject == (
        "Escalated to you: a proposed post has waited too long for sign-off"
    )
    # The director cannot open the post; the press office, who approve in the department, can.
    assert linked(told[director.email]) == []
    assert linked(told[org.press.email]) == [post.pk]
    assert f"({org.deputy.get_full_name()}, {org.manager.get_full_name()})" in (
        told[director.email].body
    ) or f"({org.manager.get_full_name()}, {org.deputy.get_full_name()})" in (
        told[director.email].body
    )
    assert told[org.author.email].subject == "Your proposed post has been escalated"
    assert f"/posts/{post.pk}/" in told[org.author.email].body
    assert "so it has been escalated" in told[org.manager.email].body

    event = AuditEvent.objects.get(action=AuditAction.ESCALATED)
    assert event.post_id == post.pk and event.actor is None
    assert "Waited 50 working hours for the line manager" in event.comment

    assert sending.sweep(now=NOW + timedelta(hours=5)).digests == 0
    assert AuditEvent.objects.filter(action=AuditAction.ESCALATED).count() == 1


def test_each_department_follows_its_own_policy(org, make_post, cover):
    ReminderPolicy.objects.create(
        department=org.cabinet_office,
        first_after=4,
        repeat_every=4,
        escalate_after=400,
        urgent_within=1,
    )
    waited(make_post(org.author), NOW - timedelta(hours=5))
    waited(make_post(org.treasury_author), NOW - timedelta(hours=5))
    sending.sweep(now=NOW)
    assert {m.to for m in digests()} == {org.manager.email, org.deputy.email}


def test_two_sweeps_planned_at_once_send_each_reminder_once(org, make_post, cover, director):
    """What the advisory lock normally prevents: both plan before either sends.
    The unique slots still let only one of them send each reminder."""
    for _ in range(3):
        waited(make_post(org.author), NOW - timedelta(hours=50))
    first, second = planning.plan(now=NOW), planning.plan(now=NOW)
    assert first.due == second.due
    sent = sending.send(first)
    again = sending.send(second)
    assert (sent.digests, again.reminders, again.digests) == (5, 0, 0)
    # Per post: the second reminder to the manager and the deputy, and the
    # escalation to the director, the press office and the author.
    assert Reminder.objects.count() == sent.reminders == 3 * 5


def test_people_without_an_email_address_are_marked_reminded_but_sent_nothing(
    org, make_post, cover
):
    type(org.deputy).objects.filter(pk=org.deputy.pk).update(email="")
    waited(make_post(org.author), NOW - timedelta(hours=25))
    assert sending.sweep(now=NOW).digests == 1
    assert Reminder.objects.filter(recipient=org.deputy).exists()


# Scale -----------------------------------------------------------------------------

# The whole sweep: the advisory lock and its release, 9 reads (the holders of
# each authority that signs off among them), and for each
# batch of people the claim, its read-back, the digests and the audit events,
# between a savepoint and its release (BEGIN and COMMIT outside a test).
SWEEP_QUERIES = 17


def _overdue(org, make_post, n):
    for i in range(n):
        waited(make_post(org.author, text=f"Cabinet Office: post {i}."), NOW - timedelta(hours=60))
        risky = make_post(org.colleague, text=f"Cabinet Office: we will do thing {i}.")
        deciding.decide(
            post_id=risky.pk,
            version_id=risky.current_version_id,
            user=org.manager,
            outcome=Outcome.APPROVED,
        )
        Decision.objects.filter(version__post=risky).update(created_at=NOW - timedelta(hours=60))


def test_a_sweep_asks_the_database_the_same_number_of_times_for_3_or_30_posts(
    org, make_post, cover, director, django_assert_num_queries
):
    _overdue(org, make_post, 3)
    with django_assert_num_queries(SWEEP_QUERIES):
        small = sending.sweep(now=NOW)
    _overdue(org, make_post, 27)
    with django_assert_num_queries(SWEEP_QUERIES):
        large = sending.sweep(now=NOW + timedelta(hours=30))
    assert (small.waiting, large.waiting) == (6, 60)
    assert small.digests == large.digests == 6


def test_people_are_sent_to_in_batches(org, make_post, cover, director, settings):
    settings.APPROVALS_REMINDER_BATCH = 2
    _overdue(org, make_post, 2)
    result = sending.sweep(now=NOW)
    assert result.digests == 6
    assert len({m.to for m in digests()}) == 6


# Operations ------------------------------------------------------------------------


def test_the_sweep_can_be_run_by_hand(org, make_post):
    waited(make_post(org.author), timezone.now() - timedelta(days=10))  # whatever the weekday
    ReminderPolicy.objects.create(
        department=org.cabinet_office,
        first_after=1,
        repeat_every=400,
        escalate_after=400,
        urgent_within=1,
    )
    call_command("send_reminders", stdout=(out := StringIO()))
    assert "1 posts waiting: 2 reminders queued in 2 e-mails." in out.getvalue()
    call_command("send_reminders", stdout=(out := StringIO()))
    assert "0 reminders queued in 0 e-mails." in out.getvalue()


def test_the_outbox_can_be_relayed_by_hand(org, make_post, mailoutbox):
    make_post(org.author)
    queued = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    assert queued == 2
    call_command("relay_outbox", stdout=(out := StringIO()))
    assert "2 messages tried." in out.getvalue()
    assert len(mailoutbox) == 2
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
