from dataclasses import asdict

from celery import shared_task

from approvals.advice import reminders as advice_reminders
from approvals.comments import digest
from approvals.mail import outbox
from approvals.posts import expiry
from approvals.reminders import sending
from approvals.retention import sweep as retention


@shared_task
def relay_outbox() -> int:
    return outbox.relay()


@shared_task
def expire_posts() -> int:
    return expiry.expire_overdue()


@shared_task(ignore_result=False)
def send_reminders() -> dict:
    return asdict(sending.sweep())


@shared_task
def send_comment_digests() -> int:
    return digest.send_due()


@shared_task(ignore_result=False)
def send_advice_reminders() -> dict:
    return asdict(advice_reminders.sweep())


@shared_task
def apply_retention() -> int:
    return retention.apply()
