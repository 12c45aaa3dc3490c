"""Queueing background work by the task's name.

Domain code asks for work to be done by naming the task
(``"approvals.tasks.relay_outbox"``) rather than importing it: a task module
imports the domain it runs, so importing it back would close a cycle, and
the domain would need Celery loaded to be imported at all.
"""

from celery import current_app


def queue(task_name: str, *args, **kwargs) -> None:
    """Send one message for ``task_name`` to the broker now, with the task's own
    options, exactly as the task's ``apply_async`` would.

    A broker that is down raises at once rather than being retried: the caller
    is in a request, and decides what a lost message means. A name no task has
    raises ``KeyError`` rather than queueing a message no worker would take."""
    if task_name not in current_app.tasks:
        # A worker loads every app's tasks module as it starts; a web process
        # has not, so it does the same once, at the first task it queues.
        current_app.autodiscover_tasks(force=True)
    current_app.tasks[task_name].apply_async(args, kwargs, retry=False)
