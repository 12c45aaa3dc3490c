"""The background work's default schedule, from ``settings.BEAT_SCHEDULE_DEFAULTS``,
loaded into django-celery-beat's tables, where admins change it."""

from django.conf import settings
from django.db import connections
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask


def load_defaults(*, using: str = "default") -> list[str]:
    """Create each default periodic task that is missing, and return their names.
    One that exists is left as it is, however an admin has changed it; one an
    admin deleted comes back, so the admin disables rather than deletes."""
    created = []
    for name, entry in settings.BEAT_SCHEDULE_DEFAULTS.items():
        if PeriodicTask.objects.using(using).filter(name=name).exists():
            continue
        schedule = {}
        if "interval" in entry:
            schedule["interval"], _ = IntervalSchedule.objects.using(using).get_or_create(
                **entry["interval"]
            )
        else:
            schedule["crontab"], _ = CrontabSchedule.objects.using(using).get_or_create(
                timezone=settings.TIME_ZONE, **entry["crontab"]
            )
        PeriodicTask.objects.using(using).create(name=name, task=entry["task"], **schedule)
        created.append(name)
    return created


def load_after_migrate(using: str = "default", **kwargs) -> None:
    # Migrating only some apps can leave django-celery-beat's tables unmade.
    if PeriodicTask._meta.db_table in connections[using].introspection.table_names():
        load_defaults(using=using)
