"""The portal's own parts of the Wagtail admin: schedules, and the links
between accounts and the identity provider.

Schedules are the periodic tasks that Celery beat runs, read from the
database (django-celery-beat), and their timetables.

A change is picked up by the running beat at its next check, without a
restart. Only those holding django-celery-beat's model permissions (in
practice superusers) see the menu.
"""

from django import forms
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_viewsets import LimitedModelViewSet
from portal.celery import app
from portal.models import OrganisationAccount


def portal_tasks():
    """The tasks a periodic task may run: the portal's own, not Celery's internals."""
    return [(name, name) for name in sorted(app.tasks) if not name.startswith("celery.")]


class PeriodicTaskForm(WagtailAdminModelForm):
    task = forms.ChoiceField(choices=portal_tasks)


class PeriodicTaskViewSet(ModelViewSet):
    model = PeriodicTask
    icon = "time"
    menu_label = "Periodic tasks"
    url_prefix = "schedules/tasks"
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["name", "task", "interval", "crontab", "enabled", "last_run_at"]
    list_select_related = ["interval", "crontab"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("task"),
            FieldPanel("enabled"),
            FieldPanel("interval"),
            FieldPanel("crontab"),
            FieldPanel("description"),
        ],
        base_form_class=PeriodicTaskForm,
    )


class CrontabScheduleViewSet(ModelViewSet):
    model = CrontabSchedule
    icon = "date"
    menu_label = "Times of day"
    url_prefix = "schedules/crontabs"
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["__str__", "human_readable"]
    form_fields = ["minute", "hour", "day_of_week", "day_of_month", "month_of_year", "timezone"]


class IntervalScheduleViewSet(ModelViewSet):
    model = IntervalSchedule
    icon = "repeat"
    menu_label = "Intervals"
    url_prefix = "schedules/intervals"
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["every", "period"]


class SchedulesGroup(ViewSetGroup):
    menu_label = "Schedules"
    menu_icon = "time"
    menu_order = 900
    items = (PeriodicTaskViewSet, CrontabScheduleViewSet, IntervalScheduleViewSet)


@hooks.register("register_admin_viewset")
def register_schedules():
    return SchedulesGroup()


class OrganisationAccountViewSet(LimitedModelViewSet):
    """Which identity provider subject signs in to which account (portal.sso.accounts).

    Links are made only by signing in. Removing one is how an admin settles a
    refused sign-in: when an address has passed to someone new at the provider,
    or an account was linked to the wrong person, the next single sign-on with
    the account's address links it afresh."""

    model = OrganisationAccount
    icon = "key"
    menu_label = "Organisation accounts"
    name = "organisation_accounts"
    url_prefix = "organisation-accounts"
    add_to_settings_menu = True
    views = frozenset({"delete"})
    actions = frozenset({"delete", "view"})
    list_display = ["user", "issuer", "subject", "linked_at", "last_signed_in_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "user__last_name", "subject"]


@hooks.register("register_admin_viewset")
def register_organisation_accounts():
    return OrganisationAccountViewSet()
