"""The database refuses every way of erasing the audit trail, on both engines.

PostgreSQL already refused UPDATE and DELETE (0002); TRUNCATE is a statement
of its own that row triggers never see. SQLite, which `make run` uses, had no
guard below the model at all. Its triggers belong to the table: should a later
migration alter approvals_auditevent, SQLite rebuilds the table without them,
and that migration must create them again (tests/approvals/test_audit_trail_sqlite.py
fails until it does).
"""

from django.db import migrations

POSTGRESQL_CREATE = [
    """
    CREATE TRIGGER approvals_audit_no_truncate
        BEFORE TRUNCATE ON approvals_auditevent
        FOR EACH STATEMENT EXECUTE FUNCTION approvals_audit_append_only()
    """
]
POSTGRESQL_DROP = ["DROP TRIGGER IF EXISTS approvals_audit_no_truncate ON approvals_auditevent"]

SQLITE_CREATE = [
    """
    CREATE TRIGGER approvals_audit_no_update BEFORE UPDATE ON approvals_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'approvals_auditevent is append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER approvals_audit_no_delete BEFORE DELETE ON approvals_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'approvals_auditevent is append-only: DELETE refused');
    END
    """,
    # INSERT OR REPLACE deletes the row in its way without firing DELETE
    # triggers, so an insert may not name the key of an event already written.
    """
    CREATE TRIGGER approvals_audit_no_replace BEFORE INSERT ON approvals_auditevent
    WHEN EXISTS (SELECT 1 FROM approvals_auditevent WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'approvals_auditevent is append-only: REPLACE refused');
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS approvals_audit_no_update",
    "DROP TRIGGER IF EXISTS approvals_audit_no_delete",
    "DROP TRIGGER IF EXISTS approvals_audit_no_replace",
]


def by_vendor(**statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("approvals", "0007_post_findings")]

    operations = [
        migrations.RunPython(
            by_vendor(postgresql=POSTGRESQL_CREATE, sqlite=SQLITE_CREATE),
            by_vendor(postgresql=POSTGRESQL_DROP, sqlite=SQLITE_DROP),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={"base_manager_name": "objects", "ordering": ["created_at", "pk"]},
        ),
    ]
