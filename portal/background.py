"""Queueing background work by the task's name.

Domain code asks for work to be done by naming the task
(``"approvals.tasks.relay_outbox"``) rather than importing it: a task module
imports the domain it runs, so importing it back would close a cycle, and
the domain would need Celery loaded to be imported at all.
"""

from celery import current_app


def queue(task_name: str, *args, **kwargs) -> None:
    """Send one message for ``task_name`` to the broker now, with the task's own
    options. A broker that is down raises at once rather than being retried:
    the caller is in a request, and decides what a lost message means."""
    current_app.send_task(task_name, args=args, kwargs=kwargs, retry=False)
