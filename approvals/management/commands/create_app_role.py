import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from approvals.authority.app_role import APPEND_ONLY_TABLES, UnsafeAppRole, create_app_role


class Command(BaseCommand):
    help = (
        "Create (or bring up to date) the PostgreSQL role the web and worker processes"
        " connect as: it owns nothing and may only read and add to the audit trail."
        " Run it as the tables' owner, after migrate; the password comes from APP_DB_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The role's name, e.g. portal_app.")

    def handle(self, *args, name, **options):
        try:
            schema = create_app_role(name=name, password=os.environ.get("APP_DB_PASSWORD"))
        except (UnsafeAppRole, DatabaseError) as error:
            raise CommandError(str(error).strip()) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Role {name} can log in. It may read and write the tables in schema {schema},"
                f" those later migrations make too, but only read and add to"
                f" {', '.join(APPEND_ONLY_TABLES)}."
            )
        )
