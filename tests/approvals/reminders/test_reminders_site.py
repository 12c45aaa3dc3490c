"""What the site shows of the background work: the count of what waits on
every page, and the schedules in the admin."""

import pytest
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from approvals.models import Outcome
from approvals.posts import deciding, selectors, waiting
from approvals.reminders import schedules
from portal.caching.backend import redis_cache
from portal.celery import app
from tests.approvals.conftest import RISKY_TEXT

pytestmark = pytest.mark.django_db

COUNT = (
    'Sign-off <strong class="govuk-tag">{}'
    '<span class="govuk-visually-hidden"> waiting for you</span></strong>'
)
# Uncached: the cover, reports and authority the user holds (read once per
# request, shared with the rest of the page), then the count itself.
COUNT_QUERIES = 4


def fresh(user):
    """A new user object, as the next request would load it (no cached permissions)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def waiting_posts(org, make_post):
    """Two posts waiting for the manager (and the deputy), one for the press office."""
    make_post(org.author)
    make_post(org.colleague)
    second_step = make_post(org.author, text=RISKY_TEXT)
    deciding.decide(
        post_id=second_step.pk,
        version_id=second_step.current_version_id,
        user=org.manager,
        outcome=Outcome.APPROVED,
    )
    make_post(org.treasury_author)


def test_the_count_is_what_the_queue_holds_for_everyone(org, waiting_posts):
    for user in vars(org).values():
        if hasattr(user, "username"):
            assert waiting.count_for(user) == selectors.count_waiting_for(user), user.username
    assert [waiting.count_for(u) for u in (org.manager, org.deputy, org.press)] == [2, 2, 1]


def test_the_count_costs_a_few_queries_and_then_none_until_sign_off_changes(
    org, waiting_posts, make_post, django_assert_num_queries, django_capture_on_commit_callbacks
):
    manager = fresh(org.manager)
    with django_assert_num_queries(COUNT_QUERIES):
        assert waiting.count_for(manager) == 2
    manager = fresh(org.manager)
    with django_assert_num_queries(0):
        assert waiting.count_for(manager) == 2
    with django_capture_on_commit_callbacks(execute=True):
        make_post(org.colleague)
    manager = fresh(org.manager)
    with django_assert_num_queries(COUNT_QUERIES):
        assert waiting.count_for(manager) == 3


def test_without_the_cache_the_count_is_still_right(org, waiting_posts, settings):
    # Nothing listens there.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0", "portal-test")}
    assert waiting.count_for(org.manager) == 2


def test_every_page_shows_an_approver_how_much_waits_for_them(org, waiting_posts, client):
    client.force_login(org.deputy)
    assert COUNT.format(2) in client.get(reverse("approvals:posts")).content.decode()
    client.force_login(org.treasury_manager)
    page = client.get(reverse("approvals:posts")).content.decode()
    assert COUNT.format(1) in page
    # Nothing could ever wait for an author with no reports: no entry, so no count.
    client.force_login(org.author)
    page = client.get(reverse("approvals:posts")).content.decode()
    assert f'href="{reverse("approvals:queue")}"' not in page and "waiting for you" not in page


# Schedules -------------------------------------------------------------------------


def test_the_default_schedule_is_in_the_database_after_migrate(settings):
    # What a worker does at start: find every app's tasks.
    app.loader.import_default_modules()
    tasks = {task.name: task for task in PeriodicTask.objects.select_related("interval")}
    for name, entry in settings.BEAT_SCHEDULE_DEFAULTS.items():
        assert tasks[name].task == entry["task"]
        assert tasks[name].task in app.tasks
    assert str(tasks["Send queued e-mail"].interval) == "every minute"
    reminders = PeriodicTask.objects.get(name="Send sign-off reminders")
    assert (reminders.crontab.minute, reminders.crontab.hour) == ("0", "*")
    assert str(reminders.crontab.timezone) == "Europe/London"


def test_loading_the_defaults_again_keeps_what_an_admin_changed(settings):
    reminders = PeriodicTask.objects.get(name="Send sign-off reminders")
    reminders.crontab = CrontabSchedule.objects.create(
        minute="30", hour="8-17", day_of_week="1-5", timezone="Europe/London"
    )
    reminders.enabled = False
    reminders.save()
    PeriodicTask.objects.filter(name="Send queued e-mail").delete()

    assert schedules.load_defaults() == ["Send queued e-mail"]
    reminders.refresh_from_db()
    assert (reminders.crontab.hour, reminders.enabled) == ("8-17", False)
    assert PeriodicTask.objects.filter(name="Send queued e-mail").exists()


def test_an_admin_changes_a_schedule_in_the_admin(org, client):
    task = PeriodicTask.objects.get(name="Send sign-off reminders")
    every_ten = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    client.force_login(org.superuser)
    listing = client.get("/admin/schedules/tasks/").content.decode()
    assert "Send sign-off reminders" in listing and "Expire posts whose time has passed" in listing

    response = client.post(
        f"/admin/schedules/tasks/edit/{task.pk}/",
        {
            "name": task.name,
            "task": task.task,
            "enabled": "on",
            "interval": every_ten.pk,
            "crontab": "",
            "description": "Every ten minutes while we catch up.",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.interval, task.crontab) == (every_ten, None)

    refused = client.post(
        f"/admin/schedules/tasks/edit/{task.pk}/",
        {"name": task.name, "task": "os.system", "interval": every_ten.pk},
    )
    assert refused.status_code == 200
    assert PeriodicTask.objects.get(pk=task.pk).task == "approvals.tasks.send_reminders"


def test_only_those_allowed_to_change_schedules_see_them(org, client):
    org.manager.is_staff = True
    org.manager.save()
    client.force_login(org.manager)
    assert client.get("/admin/schedules/tasks/").status_code in {302, 403}
