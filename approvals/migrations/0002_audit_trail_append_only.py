"""On PostgreSQL the database itself refuses to rewrite the audit trail, so
neither a bug nor a hand-written query in a shell can change history."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION approvals_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'approvals_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER approvals_audit_append_only
    BEFORE UPDATE OR DELETE ON approvals_auditevent
    FOR EACH ROW EXECUTE FUNCTION approvals_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS approvals_audit_append_only ON approvals_auditevent;
DROP FUNCTION IF EXISTS approvals_audit_append_only();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
