from dataclasses import asdict

from celery import shared_task

from approvals import expiry, outbox, reminders


@shared_task
def relay_outbox() -> int:
    return outbox.relay()


@shared_task
def expire_posts() -> int:
    return expiry.expire_overdue()


@shared_task(ignore_result=False)
def send_reminders() -> dict:
    return asdict(reminders.sweep())
