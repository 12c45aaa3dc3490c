"""Real processes for the reliability tests: Celery workers and beats on the
test database, a Redis of the test's own that it may stop, and a mailbox
file in which every process records every e-mail it sends."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis
from django.core.mail.backends.base import BaseEmailBackend

from tests.workers import BASE_DIR, CeleryWorker


class FileMailbox(BaseEmailBackend):
    """The e-mail backend of the test processes: one line per message sent,
    appended to the file in TEST_MAILBOX (appends of a line do not interleave)."""

    def send_messages(self, messages):
        delay = float(os.environ.get("TEST_MAILBOX_DELAY", "0"))
        with open(os.environ["TEST_MAILBOX"], "a") as mailbox:
            for message in messages:
                # A mail server takes a moment: long enough for relays to overlap.
                time.sleep(delay)
                line = {
                    "key": message.extra_headers["X-Portal-Message"],
                    "to": message.to[0],
                    "pid": os.getpid(),
                }
                mailbox.write(json.dumps(line) + "\n")
                mailbox.flush()
        return len(messages)


class Mailbox:
    """The test's side of the mailbox file."""

    def __init__(self, path: Path):
        self.path = path
        self.path.write_text("")

    def clear(self):
        self.path.write_text("")

    def sent(self, prefix: str = "") -> list[dict]:
        lines = self.path.read_text().splitlines()
        return [m for m in map(json.loads, lines) if m["key"].startswith(prefix)]


class Worker(CeleryWorker):
    """A worker with the reliability tests' settings, on the test's Redis if given."""

    def __init__(self, app, name, *, mailbox: Mailbox, redis_url=None, env=None, **kwargs):
        super().__init__(app, name, **kwargs)
        self.mailbox = mailbox
        self.redis_url = redis_url
        self.extra_env = env or {}

    def environment(self):
        env = super().environment()
        env.update(
            DJANGO_SETTINGS_MODULE="tests.approvals.worker_settings",
            TEST_MAILBOX=str(self.mailbox.path),
            **self.extra_env,
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env


class Beat:
    """One `celery beat` process on the database scheduler, logging what it sends."""

    def __init__(self, worker: Worker, log: Path):
        self.env = worker.environment()
        self.log = log
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                *("-m", "celery", "-A", "portal", "beat", "--loglevel", "INFO"),
                *("--max-interval", "1", "--pidfile", ""),
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def sent(self, task_name: str) -> int:
        return self.log.read_text().count(f"Sending due task {task_name} ")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


class PrivateRedis:
    """A redis-server of the test's own on a free port, so that stopping it
    troubles nobody else's tests. Restarted on the same port, empty, as a
    Redis without persistence comes back."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self, timeout: float = 10.0):
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server on port {self.port} did not answer")

    def hang(self):
        """Stop the server without closing its sockets, as a hung Redis is."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)

    def flush(self):
        redis.Redis(port=self.port).flushall()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def wait_until(condition, *, timeout: float = 60.0, what: str = "the condition"):
    """Poll until ``condition()`` is true. The timeout bounds a hang; nothing is timed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"Gave up waiting for {what} after {timeout}s")
