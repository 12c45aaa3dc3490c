from celery import shared_task


@shared_task(ignore_result=False)
def ping(payload: str) -> str:
    """Answer with the payload: proves a worker takes tasks from the broker."""
    return f"pong:{payload}"
