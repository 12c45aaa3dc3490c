"""Real Celery worker processes for tests, on the test database and Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from celery import Celery
from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent


class CeleryWorker:
    """One `celery worker` child process, with the pool and queue a test needs.

    The worker reads the same test settings as the test process, pointed at
    the test database that pytest-django created.
    """

    def __init__(self, app: Celery, name: str, pool: str = "solo", concurrency: int = 1):
        self.app = app
        self.name = name
        self.pool = pool
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def environment(self):
        db = settings.DATABASES["default"]
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.test",
            DATABASE_URL=(
                f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"
            ),
            TEST_DATABASE_NAME=connection.settings_dict["NAME"],
            REDIS_URL=settings.REDIS_URL,
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self, timeout: float = 30.0):
        hostname = f"{self.name}@{os.getpid()}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool",
                self.pool,
                "--concurrency",
                str(self.concurrency),
                "--hostname",
                hostname,
                "--loglevel",
                "WARNING",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=BASE_DIR,
            env=self.environment(),
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker {hostname} exited with {self.process.returncode}")
            replies = self.app.control.ping(destination=[hostname], timeout=0.5)
            if replies:
                return self
        self.kill()
        raise RuntimeError(f"worker {hostname} did not answer within {timeout}s")

    def kill(self):
        """SIGKILL, as the kernel's OOM killer or a lost machine would."""
        if self.process and self.process.poll() is None:
            # The whole process group: a prefork pool's children die with it.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 20.0):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
