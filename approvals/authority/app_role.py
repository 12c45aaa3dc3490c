"""The PostgreSQL role production's web and worker processes connect as.

Migrations run as the owner of the tables. The app role owns nothing, so it
can neither alter a table nor disable or drop a trigger; it holds no
TRUNCATE, and it may only read and add to the audit trail. What the trail's
triggers refuse everyone, its privileges refuse it as well, and nothing a web
or worker process can run lifts either.
"""

import re

from django.db import connection, transaction
from psycopg import sql

APPEND_ONLY_TABLES = ("approvals_auditevent",)
# Its owner ran the migrations, and so owns every table to come.
A_MIGRATED_TABLE = "approvals_auditevent"
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
FORBIDDEN_ATTRIBUTES = ("SUPERUSER", "CREATEDB", "CREATEROLE", "BYPASSRLS", "REPLICATION")
FORBIDDEN_ON_APPEND_ONLY = "UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER"

GRANTS = (
    # From nothing each time, so that a privilege granted by hand goes.
    "REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "REVOKE UPDATE, DELETE ON {append_only} FROM {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    # Tables and sequences that later migrations create.
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema}"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema}"
    " GRANT USAGE, SELECT ON SEQUENCES TO {role}",
)


class UnsafeAppRole(Exception):
    """The role would hold more than the app needs, or cannot be made yet."""


def create_app_role(*, name: str, password: str | None) -> str:
    """Create the app role, or bring an existing one back to exactly its
    grants, and let it log in; return the schema granted. Without a password
    an existing role keeps its own."""
    if connection.vendor != "postgresql":
        raise UnsafeAppRole("An app role is for PostgreSQL; SQLite has no roles.")
    if not ROLE_NAME.fullmatch(name):
        raise UnsafeAppRole(f"{name!r} is not a plain role name: use a-z, 0-9 and _.")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_schema(), current_database(), tableowner, current_user"
            " FROM pg_tables WHERE schemaname = current_schema() AND tablename = %s",
            [A_MIGRATED_TABLE],
        )
        found = cursor.fetchone()
        if found is None:
            raise UnsafeAppRole("The tables are not there yet: run migrate as their owner first.")
        schema, database, owner, current_user = found
        if name in (owner, current_user):
            raise UnsafeAppRole(f"{name} owns the tables or runs this command: choose another.")
        role = sql.Identifier(name)
        if not _vetted_existing_role(cursor, name):
            if not password:
                raise UnsafeAppRole(f"Role {name} is new: give its password in APP_DB_PASSWORD.")
            cursor.execute(
                _sql(
                    "CREATE ROLE {role} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    " NOBYPASSRLS NOREPLICATION",
                    role=role,
                )
            )
        _grant_access(cursor, name=name, schema=schema, database=database)
        for template in GRANTS:
            cursor.execute(
                _sql(
                    template,
                    role=role,
                    schema=sql.Identifier(schema),
                    owner=sql.Identifier(owner),
                    append_only=sql.SQL(", ").join(map(sql.Identifier, APPEND_ONLY_TABLES)),
                )
            )
        _refuse_what_is_left(cursor, name=name, schema=schema)
        _let_log_in(cursor, role=role, name=name, password=password)
    return schema


def _let_log_in(cursor, *, role, name, password):
    if not password:
        cursor.execute(_sql("ALTER ROLE {role} LOGIN", role=role))
        return
    # Hashed here, as psql's \password does: the password itself never
    # reaches the server or its logs.
    verifier = connection.connection.pgconn.encrypt_password(password.encode(), name.encode())
    cursor.execute(
        _sql(
            "ALTER ROLE {role} LOGIN PASSWORD {verifier}",
            role=role,
            verifier=sql.Literal(verifier.decode()),
        )
    )


def _sql(template, **parts):
    return sql.SQL(template).format(**parts).as_string(connection.connection)


def _vetted_existing_role(cursor, name):
    """Whether the role exists; refuses one the app must not run as."""
    cursor.execute(
        "SELECT oid, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication"
        " FROM pg_roles WHERE rolname = %s",
        [name],
    )
    row = cursor.fetchone()
    if row is None:
        return False
    oid, *flags = row
    held = [label for label, flag in zip(FORBIDDEN_ATTRIBUTES, flags, strict=True) if flag]
    if held:
        raise UnsafeAppRole(f"Role {name} has {', '.join(held)}: it cannot be the app role.")
    cursor.execute("SELECT 1 FROM pg_shdepend WHERE refobjid = %s AND deptype = 'o'", [oid])
    if cursor.fetchone():
        raise UnsafeAppRole(f"Role {name} owns objects, and could alter them: choose another.")
    cursor.execute(
        "SELECT string_agg(roleid::regrole::text, ', ') FROM pg_auth_members WHERE member = %s",
        [oid],
    )
    (memberships,) = cursor.fetchone()
    if memberships:
        raise UnsafeAppRole(
            f"Role {name} is a member of {memberships}, whose privileges it would use:"
            " it cannot be the app role."
        )
    return True


def _grant_access(cursor, *, name, schema, database):
    """PUBLIC holds both by default; granted only when missing, since only the
    database's and the schema's owners may grant them."""
    for question, grant, on in [
        (
            "SELECT has_database_privilege(%s, %s, 'CONNECT')",
            "GRANT CONNECT ON DATABASE {on} TO {role}",
            database,
        ),
        (
            "SELECT has_schema_privilege(%s, %s, 'USAGE')",
            "GRANT USAGE ON SCHEMA {on} TO {role}",
            schema,
        ),
    ]:
        cursor.execute(question, [name, on])
        if not cursor.fetchone()[0]:
            cursor.execute(_sql(grant, on=sql.Identifier(on), role=sql.Identifier(name)))


def _refuse_what_is_left(cursor, *, name, schema):
    """Revoking from the role takes away neither what PUBLIC holds nor what
    another role granted it."""
    cursor.execute("SELECT has_schema_privilege(%s, %s, 'CREATE')", [name, schema])
    if cursor.fetchone()[0]:
        raise UnsafeAppRole(
            f"Role {name} could create tables in schema {schema}, and would own them."
            f" As the schema's owner, revoke CREATE on it from {name} and from PUBLIC."
        )
    for table in APPEND_ONLY_TABLES:
        cursor.execute(
            "SELECT has_table_privilege(%s, %s, %s)",
            [name, _sql("{table}", table=sql.Identifier(schema, table)), FORBIDDEN_ON_APPEND_ONLY],
        )
        if cursor.fetchone()[0]:
            raise UnsafeAppRole(
                f"Role {name} may still change {table}, through PUBLIC or a grant by another"
                f" role: revoke {FORBIDDEN_ON_APPEND_ONLY} on it from both."
            )
