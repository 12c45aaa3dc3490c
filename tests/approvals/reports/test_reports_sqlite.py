"""On SQLite, which `make run` uses, the reports show the demo's history too:
its percentile is the same as PostgreSQL's (a Python aggregate registered on
each connection), checked against Python's own on the demo's decisions."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]

REPORT = """
import io, json, statistics
from django.core.management import call_command
from django.test import Client
from django.contrib.auth import get_user_model
from django.utils import timezone
from approvals.models import Decision
from approvals.reports import queries

call_command("migrate", verbosity=0)
call_command("seed_demo", stdout=io.StringIO())
client = Client()
client.force_login(get_user_model().objects.get(username="admin"))
page = client.get("/reports/", secure=True, HTTP_HOST="127.0.0.1")
period = queries.Period(12, timezone.now())
steps = {row.label: [row.median, row.p90] for row in queries.by_step(None, period)}
hours = sorted(Decision.objects.filter(
    stage="line_manager", created_at__gte=period.start
).values_list("waited_working_hours", flat=True))
print(json.dumps({
    "status": page.status_code,
    "charts": page.content.decode().count('role="img"'),
    "report": steps["Line manager"],
    "python": [statistics.median(hours), statistics.quantiles(hours, n=10, method="inclusive")[-1]],
}))
"""


def test_the_reports_work_on_sqlite_with_the_same_percentiles(tmp_path):
    database = tmp_path / "portal.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", REPORT],
        cwd=BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{database}",
            "DEBUG": "1",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["status"] == 200
    assert found["charts"] == 5
    assert found["report"] == pytest.approx(found["python"])
