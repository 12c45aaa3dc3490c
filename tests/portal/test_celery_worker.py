import os

import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError

from portal.celery import app
from portal.tasks import ping
from tests.workers import CeleryWorker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    app.control.purge()
    worker = CeleryWorker(app, name="foundation").start()
    yield worker
    worker.stop()


def test_a_task_runs_on_a_real_worker_over_the_redis_broker(worker):
    assert app.conf.broker_url.startswith("redis://")
    result = ping.delay("hello")
    assert result.get(timeout=30) == "pong:hello"
    assert worker.process.pid != os.getpid()


def test_no_worker_means_the_task_waits_on_the_broker_rather_than_running_in_process():
    app.control.purge()
    result = ping.delay("nobody listening")
    with pytest.raises(CeleryTimeoutError):
        result.get(timeout=2)
    app.control.purge()
