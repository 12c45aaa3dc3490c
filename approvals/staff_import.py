"""Staff records from the HR system, as CSV: who people are, where they sit and who
manages them. Re-importing the same file changes nothing."""

import csv
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from approvals.models import Department, StaffProfile

COLUMNS = [
    "username",
    "email",
    "first_name",
    "last_name",
    "department",
    "job_title",
    "line_manager",
]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _problems(row: dict, line: int, departments: dict, usernames: set) -> list[str]:
    problems = []
    for column in ("username", "email", "department", "job_title"):
        if not row.get(column, "").strip():
            problems.append(f"Line {line}: {column} is empty.")
    if row.get("department") and row["department"] not in departments:
        problems.append(f"Line {line}: there is no department {row['department']!r}.")
    manager = row.get("line_manager", "").strip()
    if manager and manager not in usernames:
        problems.append(f"Line {line}: line manager {manager!r} is neither in the file nor a user.")
    if manager and manager == row.get("username"):
        problems.append(f"Line {line}: nobody can be their own line manager.")
    return problems


@transaction.atomic
def import_staff(source: TextIO) -> ImportResult:
    """Create or update users and their staff profiles. Nothing is written when any
    line is wrong: the errors say which, by line number."""
    User = get_user_model()
    reader = csv.DictReader(source)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return ImportResult(errors=[f"The file has no column {', '.join(missing)}."])
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    departments = {d.slug: d for d in Department.objects.all()}
    usernames = {r["username"] for r in rows} | set(
        User.objects.filter(username__in={r["line_manager"] for r in rows}).values_list(
            "username", flat=True
        )
    )
    result = ImportResult()
    for line, row in enumerate(rows, start=2):
        result.errors += _problems(row, line, departments, usernames)
    if result.errors:
        return result

    users = {}
    for row in rows:
        user, created = User.objects.update_or_create(
            username=row["username"],
            defaults={
                "email": row["email"],
                "first_name": row["first_name"],
                "last_name": row["last_name"],
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            result.created += 1
        else:
            result.updated += 1
        users[user.username] = user
    managers = {
        u.username: u
        for u in User.objects.filter(
            username__in={r["line_manager"] for r in rows if r["line_manager"]}
        )
    }
    for row in rows:
        StaffProfile.objects.update_or_create(
            user=users[row["username"]],
            defaults={
                "department": departments[row["department"]],
                "job_title": row["job_title"],
                "line_manager": managers.get(row["line_manager"]),
            },
        )
    return result
