"""The portal under gunicorn with production settings, on loopback, for benchmarks."""

import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
HOST = f"127.0.0.1:{PORT}"
BENCH_DB = os.environ.get("BENCH_DATABASE", "portal_bench")
PG_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SESSION_COOKIE = "__Host-sessionid"


def production_env(database: str = BENCH_DB) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-only-secret-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{PG_URL}/{database}",
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


def fresh_database(name: str, *commands: tuple[str, ...]) -> None:
    """A database ``name`` made afresh and migrated (then ``commands`` run with
    manage.py), and this process pointed at it with production settings: the
    benchmarks that build their own data in-process."""
    with psycopg.connect(
        PG_URL.replace("postgres://", "postgresql://", 1), dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = production_env(name)
    for command in (("migrate", "--noinput", "-v0"), *commands):
        subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True)
    os.environ.update(env)


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


ORIGIN = f"https://{HOST}"
CSRF_COOKIE = "__Host-csrftoken"
# A fixed CSRF secret for the benchmark's requests: Django accepts the unmasked
# secret as the form's token when it matches the cookie.
CSRF_SECRET = "benchbenchbenchbenchbenchbench12"  # noqa: S105 - a loopback benchmark's


def _cookies(response) -> dict:
    jar = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def sign_in(username: str, password: str) -> str:
    """Sign in through the real sign-in form over loopback; returns the session cookie."""
    connection = http.client.HTTPConnection(HOST, timeout=30)
    headers = {
        "X-Forwarded-Proto": "https",
        "Origin": ORIGIN,
        "Referer": f"{ORIGIN}/accounts/login/",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{CSRF_COOKIE}={CSRF_SECRET}",
    }
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": CSRF_SECRET}
    )
    connection.request("POST", "/accounts/login/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    session = _cookies(response).get(SESSION_COOKIE)
    if response.status != 302 or not session:
        raise RuntimeError(f"Could not sign in as {username}: HTTP {response.status}")
    return session


def fetch(path: str, session: str) -> tuple[int, str]:
    """One GET as the signed-in user, redirects not followed: (status, Location)."""
    connection = http.client.HTTPConnection(HOST, timeout=30)
    connection.request(
        "GET",
        path,
        headers={"X-Forwarded-Proto": "https", "Cookie": f"{SESSION_COOKIE}={session}"},
    )
    response = connection.getresponse()
    response.read()
    return response.status, response.headers.get("Location", "")


class Gunicorn:
    """One gunicorn master and its workers on 127.0.0.1:``port``, in a process
    group of their own so that ``kill`` takes them all at once."""

    def __init__(
        self,
        workers: int = 2,
        port: int = PORT,
        app: str = "portal.wsgi:application",
        database: str = BENCH_DB,
    ):
        self.workers = workers
        self.database = database
        self.address = f"127.0.0.1:{port}"
        self.app = app
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                self.app,
                "--bind",
                self.address,
                "--workers",
                str(self.workers),
                "--access-logfile",
                "/dev/null",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=production_env(self.database),
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{self.address}/healthz/", timeout=1):
                    return self
            except OSError:
                time.sleep(0.3)
        self.kill()
        raise RuntimeError("gunicorn did not start")

    def kill(self):
        """SIGKILL the master and its workers together, as when their machine dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
