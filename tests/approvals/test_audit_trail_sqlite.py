"""On SQLite, which `make run` uses, the database refuses to rewrite the audit
trail too: the migrations are run on a database of their own, in a process
with the development settings, and the trail then withstands every road round
the model's guards, and raw SQL.

The rest of the suite runs on PostgreSQL; this is its only SQLite database.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

ATTEMPTS = """
import json
from django.core.management import call_command
from django.db import models, transaction
from approvals.models import AuditAction, AuditEvent

call_command("migrate", "approvals", verbosity=0)
event = AuditEvent.objects.create(action=AuditAction.SUBMITTED, comment="as it happened")
forged = dict(pk=event.pk, action=AuditAction.APPROVED, comment="rewritten")
unguarded = models.QuerySet(AuditEvent).filter(pk=event.pk)


def save_round_the_guard():
    event.comment = "rewritten"
    models.Model.save(event)


attempts = {
    "base manager update": lambda: AuditEvent._base_manager.filter(pk=event.pk).update(
        comment="rewritten"
    ),
    "base manager delete": lambda: AuditEvent._base_manager.filter(pk=event.pk).delete(),
    "a new instance saved over it": lambda: AuditEvent(**forged).save(),
    "bulk create updating on conflict": lambda: AuditEvent.objects.bulk_create(
        [AuditEvent(**forged)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["action", "comment"],
    ),
    "save round the guard": save_round_the_guard,
    "update round the guard": lambda: unguarded.update(comment="rewritten"),
    "delete round the guard": lambda: unguarded.delete(),
    "raw save over it": lambda: AuditEvent(**forged).save_base(raw=True),
}
outcomes = {}
for name, attempt in attempts.items():
    try:
        with transaction.atomic():
            attempt()
        outcomes[name] = "done"
    except Exception as error:
        outcomes[name] = f"{type(error).__name__}: {error}"
print(json.dumps(outcomes))
"""

REFUSED_BY_THE_MODEL = "AppendOnlyError: Audit events cannot be changed."
REFUSED_UPDATE = "IntegrityError: approvals_auditevent is append-only: UPDATE refused"
REFUSED_DELETE = "IntegrityError: approvals_auditevent is append-only: DELETE refused"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """The migrated database and what came of each attempt to change its one event."""
    database = tmp_path_factory.mktemp("sqlite") / "portal.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ATTEMPTS],
        cwd=BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return database, json.loads(done.stdout.splitlines()[-1])


def test_every_road_round_the_model_is_refused(migrated):
    _, outcomes = migrated
    assert outcomes == {
        "base manager update": REFUSED_BY_THE_MODEL,
        "base manager delete": "AppendOnlyError: Audit events cannot be deleted.",
        "a new instance saved over it": REFUSED_BY_THE_MODEL,
        "bulk create updating on conflict": REFUSED_BY_THE_MODEL,
        "save round the guard": REFUSED_UPDATE,
        "update round the guard": REFUSED_UPDATE,
        "delete round the guard": REFUSED_DELETE,
        "raw save over it": REFUSED_UPDATE,
    }


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("UPDATE approvals_auditevent SET comment = 'rewritten'", "UPDATE refused"),
        ("DELETE FROM approvals_auditevent", "DELETE refused"),
        (
            "INSERT OR REPLACE INTO approvals_auditevent (id, created_at, action, comment)"
            " SELECT id, created_at, 'approved', 'rewritten' FROM approvals_auditevent",
            "REPLACE refused",
        ),
    ],
)
def test_the_database_refuses_raw_sql_and_the_event_stands(migrated, sql, refusal):
    database, _ = migrated
    with sqlite3.connect(database) as db:
        with pytest.raises(sqlite3.IntegrityError, match=f"append-only: {refusal}"):
            db.execute(sql)
        assert db.execute("SELECT action, comment FROM approvals_auditevent").fetchall() == [
            ("submitted", "as it happened")
        ]
