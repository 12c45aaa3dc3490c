from celery import shared_task

from approvals import outbox


@shared_task
def relay_outbox() -> int:
    return outbox.relay()
