"""The portal under gunicorn with production settings, on loopback, for benchmarks."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
HOST = f"127.0.0.1:{PORT}"
BENCH_DB = os.environ.get("BENCH_DATABASE", "portal_bench")
PG_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SESSION_COOKIE = "__Host-sessionid"


def production_env() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-only-secret-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{PG_URL}/{BENCH_DB}",
        REDIS_URL=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/2"),
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    return env


def ensure_database():
    with psycopg.connect(
        PG_URL.replace("postgres://", "postgresql://", 1), dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def manage(*args, capture=False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_env(),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def prepare():
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    manage("build_scale_data")
    manage("collectstatic", "--noinput", "-v0")


def session_for(username: str) -> str:
    """A signed-in session cookie value, made the way the sign-in view makes one."""
    code = (
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY,"
        " HASH_SESSION_KEY;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        f"u = get_user_model().objects.get(username={username!r});"
        "s = SessionStore();"
        "s[SESSION_KEY] = str(u.pk);"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash();"
        "s.create(); print(s.session_key)"
    )
    return manage("shell", "-c", code, capture=True).strip().splitlines()[-1]


class Gunicorn:
    def __init__(self, workers: int = 2):
        self.workers = workers
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                HOST,
                "--workers",
                str(self.workers),
                "--access-logfile",
                "/dev/null",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=production_env(),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{HOST}/healthz/", timeout=1):
                    return self
            except OSError:
                time.sleep(0.3)
        self.process.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
