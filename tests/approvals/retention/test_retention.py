"""The retention schedule: drafts never submitted go once old, each deletion
audited; records of submitted posts are listed for review and kept; audit
events are never deleted; a dry run only lists."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from approvals.models import AuditAction, AuditEvent, Post, RetentionSchedule
from approvals.posts import services
from approvals.retention import sweep

pytestmark = pytest.mark.django_db


def aged(post, **ago):
    """``post`` as if nobody had changed it for ``ago`` (updated_at is stamped on save)."""
    Post.objects.filter(pk=post.pk).update(updated_at=timezone.now() - timedelta(**ago))
    return post


@pytest.fixture
def posts(org, make_post):
    old_draft = aged(make_post(org.author, submit=False), days=400)
    recent_draft = aged(make_post(org.author, submit=False), days=300)
    old_record = make_post(org.author)
    services.withdraw_post(post_id=old_record.pk, author=org.author, reason="Not needed.")
    aged(old_record, days=365 * 7 + 10)
    # Withdrawn before it was ever submitted: it has an audit event, so it stays whole.
    withdrawn_draft = make_post(org.author, submit=False)
    services.withdraw_post(post_id=withdrawn_draft.pk, author=org.author)
    aged(withdrawn_draft, days=400)
    return {
        "old_draft": old_draft,
        "recent_draft": recent_draft,
        "old_record": old_record,
        "withdrawn_draft": withdrawn_draft,
    }


def test_a_dry_run_lists_what_would_go_and_deletes_nothing(posts):
    out = io.StringIO()
    before = (Post.objects.count(), AuditEvent.objects.count())
    call_command("apply_retention", "--dry-run", stdout=out)
    said = out.getvalue()
    assert "Would delete 1 drafts" in said
    assert f"draft {posts['old_draft'].pk} by" in said
    assert f"draft {posts['recent_draft'].pk} by" not in said
    assert "1 records of submitted posts" in said and f"post {posts['old_record'].pk} by" in said
    assert (Post.objects.count(), AuditEvent.objects.count()) == before


def test_a_real_run_deletes_only_old_drafts_never_submitted_and_audits_each(org, posts):
    trail = list(AuditEvent.objects.values_list("pk", "action", "post_id"))
    call_command("apply_retention", stdout=io.StringIO())
    remaining = set(Post.objects.values_list("pk", flat=True))
    assert posts["old_draft"].pk not in remaining
    assert {
        posts["recent_draft"].pk,
        posts["old_record"].pk,
        posts["withdrawn_draft"].pk,
    } <= remaining
    # Every earlier audit event survives, and the deletion is recorded.
    after = AuditEvent.objects.order_by("pk")
    assert list(after.values_list("pk", "action", "post_id"))[: len(trail)] == trail
    deleted = after.get(action=AuditAction.DRAFT_DELETED)
    assert (deleted.actor, deleted.post, deleted.department, deleted.subject) == (
        None,
        None,
        org.cabinet_office,
        org.author,
    )
    assert f"Draft {posts['old_draft'].pk}" in deleted.comment and "12 months" in deleted.comment
    # Nothing is due a second time.
    assert sweep.apply() == 0


def test_the_schedule_admins_set_is_the_one_applied(posts):
    schedule = RetentionSchedule.load()
    schedule.draft_months = 24
    schedule.save()
    assert sweep.apply() == 0
    schedule.draft_months = 6
    schedule.save()
    assert sweep.apply() == 2  # the recent draft too, now


def test_months_before_keeps_the_day_or_the_last_of_a_shorter_month():
    moment = timezone.make_aware(timezone.datetime(2025, 3, 31, 10))
    assert sweep.months_before(moment, 1).date().isoformat() == "2025-02-28"
    assert sweep.months_before(moment, 12).date().isoformat() == "2024-03-31"
    assert sweep.months_before(moment, 84).date().isoformat() == "2018-03-31"


def test_the_schedule_runs_every_night_from_the_beat():
    task = PeriodicTask.objects.get(name="Apply the retention schedule")
    assert task.task == "approvals.tasks.apply_retention"
    assert (task.crontab.minute, task.crontab.hour) == ("30", "2")


def test_the_admins_retention_page_lists_what_is_due(org, posts, as_user):
    page = as_user(org.superuser).get(reverse("signoff_retention:index")).content.decode()
    assert "Drafts the next run will delete (1)" in page
    assert "Records due for review (1)" in page
    assert as_user(org.co_admin).get(reverse("signoff_retention:index")).status_code in {302, 404}


def test_admins_change_the_schedule_in_the_wagtail_admins_settings(org, as_user):
    url = reverse("wagtailsettings:edit", args=["approvals", "retentionschedule"])
    client = as_user(org.superuser)
    page = client.get(url, follow=True)
    url = page.redirect_chain[-1][0] if page.redirect_chain else url
    assert page.status_code == 200
    assert "Delete drafts never submitted after (months)" in page.content.decode()
    assert 'value="12"' in page.content.decode() and 'value="7"' in page.content.decode()
    client.post(url, {"draft_months": "18", "record_years": "10"})
    schedule = RetentionSchedule.load()
    assert (schedule.draft_months, schedule.record_years) == (18, 10)
    refused = client.post(url, {"draft_months": "0", "record_years": "10"})
    assert "Ensure this value is greater than or equal to 1" in refused.content.decode()
    assert RetentionSchedule.load().draft_months == 18
    assert as_user(org.co_admin).get(url).status_code in {302, 403}
