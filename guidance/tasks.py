from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled_pages():
    """Publish the changes whose scheduled time has come (and unpublish expired pages).

    Wagtail's own command does the work; it is idempotent, so a task run twice
    by a redelivered message publishes nothing twice.
    """
    call_command("publish_scheduled", verbosity=0)
