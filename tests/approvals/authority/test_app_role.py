"""Production's web and worker processes connect as a role made by
`create_app_role`: it does the portal's work, and no statement it can send
erases or rewrites the audit trail, nor lifts what guards it.

Roles belong to the whole PostgreSQL cluster, not to the test database: each
test's role has a name of its own and is dropped, privileges and all, after it.
"""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from approvals.models import AuditAction, AuditEvent, OutboxMessage, PostStatus

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parents[3]
PASSWORD = "only-for-this-test"

ERASING = [
    "TRUNCATE approvals_auditevent",
    "TRUNCATE approvals_post CASCADE",
    "UPDATE approvals_auditevent SET comment = 'rewritten'",
    "DELETE FROM approvals_auditevent",
    "INSERT INTO approvals_auditevent (id, created_at, action, comment)"
    " SELECT id, created_at, action, 'rewritten' FROM approvals_auditevent"
    " ON CONFLICT (id) DO UPDATE SET comment = excluded.comment",
    "ALTER TABLE approvals_auditevent DROP COLUMN comment",
    "ALTER TABLE approvals_auditevent DISABLE TRIGGER ALL",
    "ALTER TABLE approvals_auditevent DISABLE TRIGGER approvals_audit_no_truncate",
    "SET session_replication_role = replica",
    "DROP TRIGGER approvals_audit_append_only ON approvals_auditevent",
    "DROP TRIGGER approvals_audit_no_truncate ON approvals_auditevent",
    "DROP TABLE approvals_auditevent CASCADE",
    "CREATE TABLE approvals_auditevent_copy (id bigint)",
]


@pytest.fixture
def role_name(monkeypatch):
    name = f"portal_app_test_{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("APP_DB_PASSWORD", PASSWORD)
    yield name
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        if cursor.fetchone():
            cursor.execute(f"REASSIGN OWNED BY {name} TO CURRENT_USER")
            cursor.execute(f"DROP OWNED BY {name}")
            cursor.execute(f"DROP ROLE {name}")


def create_app_role(name):
    out = io.StringIO()
    call_command("create_app_role", name, stdout=out)
    return out.getvalue()


def connect_as(name):
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        dbname=db["NAME"],
        user=name,
        password=PASSWORD,
        autocommit=True,
    )


def refusals(name, statements):
    refused = {}
    with connect_as(name) as app:
        for statement in statements:
            try:
                app.execute(statement)
            except psycopg.Error as error:
                refused[statement] = type(error).__name__
            else:
                refused[statement] = "done"
    return refused


def test_the_app_role_can_send_nothing_that_erases_the_trail(org, make_post, role_name):
    make_post(org.author)
    trail = list(AuditEvent.objects.values_list("pk", "action", "comment"))
    create_app_role(role_name)

    assert refusals(role_name, ERASING) == dict.fromkeys(ERASING, "InsufficientPrivilege")
    assert list(AuditEvent.objects.values_list("pk", "action", "comment")) == trail
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication,"
            " rolcanlogin, rolpassword LIKE 'SCRAM-SHA-256$%%'"
            " FROM pg_authid WHERE rolname = %s",
            [role_name],
        )
        assert cursor.fetchone() == (False, False, False, False, False, True, True)


def test_the_app_role_does_the_portal_s_work(org, make_post, role_name):
    """A manager's decision and the relay that mails it, run by the portal's own
    code in a process connected as the app role."""
    post = make_post(org.author)
    create_app_role(role_name)
    db = connection.settings_dict
    run_as_app = f"""
from django.core.management import call_command
from approvals.posts import deciding
from approvals.models import AuditEvent, Outcome, Post
from portal.models import User
post = Post.objects.get(pk={post.pk})
deciding.decide(
    post_id=post.pk,
    version_id=post.current_version_id,
    user=User.objects.get(username="manager"),
    outcome=Outcome.APPROVED,
)
call_command("relay_outbox")
print(AuditEvent.objects.filter(post=post).count(), "events read")
"""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", run_as_app],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": (
                f"postgres://{role_name}:{PASSWORD}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            ),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "2 events read" in done.stdout
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED
    assert AuditEvent.objects.filter(
        post=post, action=AuditAction.APPROVED, actor=org.manager
    ).exists()
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_running_it_again_after_a_migration_grants_the_new_table_and_takes_back_extras(
    role_name, monkeypatch
):
    create_app_role(role_name)
    with connection.cursor() as cursor:
        # What a later migration, run by the owner, does; and a grant made by hand.
        cursor.execute("CREATE TABLE approvals_later (id bigserial PRIMARY KEY, note text)")
        cursor.execute(f"GRANT TRUNCATE, UPDATE ON approvals_auditevent TO {role_name}")
    use_new_table = "INSERT INTO approvals_later (note) VALUES ('new')"
    change_new_row = "UPDATE approvals_later SET note = 'changed'"
    truncate_trail = "TRUNCATE approvals_auditevent"
    add_to_trail = (
        "INSERT INTO approvals_auditevent (created_at, action, comment)"
        " VALUES (now(), 'published', '')"
    )
    try:
        assert refusals(role_name, [use_new_table]) == {use_new_table: "done"}
        monkeypatch.delenv("APP_DB_PASSWORD")
        assert f"Role {role_name} can log in" in create_app_role(role_name)
        assert refusals(role_name, [truncate_trail, change_new_row, add_to_trail]) == {
            truncate_trail: "InsufficientPrivilege",
            change_new_row: "done",
            add_to_trail: "done",
        }
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE approvals_later")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_it", "refusal"),
    [
        ("CREATE ROLE {name} CREATEDB", "has CREATEDB"),
        (
            "CREATE ROLE {name}; GRANT pg_write_all_data TO {name}",
            "is a member of pg_write_all_data",
        ),
        (
            "CREATE ROLE {name}; CREATE TABLE approvals_forged (id int);"
            " ALTER TABLE approvals_forged OWNER TO {name}",
            "owns objects",
        ),
        (
            "CREATE ROLE {name}; GRANT CREATE ON SCHEMA public TO PUBLIC",
            "could create tables in schema public",
        ),
        (
            "CREATE ROLE {name}; GRANT UPDATE ON approvals_auditevent TO PUBLIC",
            "may still change approvals_auditevent",
        ),
    ],
)
def test_it_refuses_a_role_that_could_do_more(role_name, make_it, refusal):
    with connection.cursor() as cursor:
        cursor.execute(make_it.format(name=role_name))
    with pytest.raises(CommandError, match=refusal):
        create_app_role(role_name)


@pytest.mark.django_db
def test_it_refuses_to_make_the_owner_the_app_role():
    with pytest.raises(CommandError, match="owns the tables or runs this command"):
        create_app_role(connection.settings_dict["USER"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (True,)


@pytest.mark.django_db
def test_a_new_role_needs_a_password(role_name, monkeypatch):
    monkeypatch.delenv("APP_DB_PASSWORD")
    with pytest.raises(CommandError, match="give its password in APP_DB_PASSWORD"):
        create_app_role(role_name)
