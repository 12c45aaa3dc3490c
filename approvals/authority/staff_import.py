"""Staff records from the HR system, as CSV: who people are, where they sit and who
manages them. Re-importing the same file changes nothing.

Each line is checked by model forms of the user and their staff profile, so the
import refuses what the admin would refuse (lengths, e-mail addresses, usernames,
line breaks and invisible characters in names); then the file as a whole: a
username twice, a line manager who is nobody, line management that would go
round in a circle, with the people already in the database. Nothing is written
when any line is wrong, and every problem is named by its line.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TextIO, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from approvals.models import Department, StaffProfile

User = get_user_model()

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


class PersonForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True


class PositionForm(forms.ModelForm):
    # Text, not a model choice: a lookup with a NUL in it would be a database error.
    department = forms.SlugField(
        max_length=Department._meta.get_field("slug").max_length,
        error_messages={"invalid": "there is no department %(value)r."},
    )
    line_manager = forms.CharField(
        required=False,
        max_length=User._meta.get_field("username").max_length,
        validators=[User.username_validator],
    )

    class Meta:
        model = StaffProfile
        fields = ["job_title"]

    def __init__(self, *args, departments: dict[str, Department], **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = departments

    def clean_department(self):
        slug = self.cleaned_data["department"]
        if slug not in self.departments:
            raise ValidationError("there is no department %(value)r.", params={"value": slug})
        return self.departments[slug]


@dataclass
class Line:
    number: int
    row: dict
    # Made by _check, which knows the departments and people the line names.
    person: PersonForm = field(init=False)
    position: PositionForm = field(init=False)


def _read(reader: csv.DictReader) -> list[Line]:
    """The file's records, each with the line it starts on (a quoted value may span lines)."""
    lines = []
    start = reader.line_num + 1
    for row in reader:
        # Values beyond the last column come as a list under None.
        lines.append(Line(start, {k: (v or "").strip() if k else v for k, v in row.items()}))
        start = reader.line_num + 1
    return lines


def _plausible(username: str) -> bool:
    """Whether a username may be looked up: the database refuses some characters."""
    try:
        User.username_validator(username)
    except ValidationError:
        return False
    return len(username) <= cast(int, User._meta.get_field("username").max_length)


def _form_errors(line: Line) -> list[str]:
    """The forms' errors, in the order of the file's columns."""
    errors: defaultdict[str, list[ValidationError]] = defaultdict(list)
    for form in (line.person, line.position):
        for name, field_errors in form.errors.as_data().items():
            errors[name] += field_errors
    problems = [f"Line {line.number}: {m}" for e in errors["__all__"] for m in e.messages]
    for name in COLUMNS:
        for error in errors.get(name, []):
            if error.code == "required":
                problems.append(f"Line {line.number}: {name} is empty.")
            else:
                problems += [f"Line {line.number}: {name}: {m}" for m in error.messages]
    return problems


def _managers_in_database(names: set[str], in_file: set[str]) -> dict[str, str | None]:
    """Who manages whom among the people already in the database that the file's
    line managers lead to, following each chain up to its top."""
    managers: dict[str, str | None] = {}
    todo = names - in_file
    while todo:
        found = dict(
            StaffProfile.objects.filter(user__username__in=todo).values_list(
                "user__username", "line_manager__username"
            )
        )
        managers.update(dict.fromkeys(todo, None) | found)
        todo = {m for m in found.values() if m and m not in managers and m not in in_file}
    return managers


def _circles(lines: list[Line], manager_of: dict[str, str | None]) -> list[str]:
    """Each circle the file would make in line management, named once, on its first line."""
    line_of = {line.row["username"]: line.number for line in lines}
    problems, named = [], set()
    for line in lines:
        start = line.row["username"]
        chain, current = [start], manager_of.get(start)
        while current and current != start and current not in chain:
            chain.append(current)
            current = manager_of.get(current)
        if current == start and frozenset(chain) not in named:
            named.add(frozenset(chain))
            others = sorted(line_of[name] for name in chain[1:] if name in line_of)
            where = ""
            if others:
                where = f" (see also line{'s' if len(others) > 1 else ''} {_and(others)})"
            problems.append(
                f"Line {line.number}: line management would go round in a circle: "
                f"{' → '.join([*chain, start])}{where}."
            )
    return problems


def _and(numbers: list[int]) -> str:
    *rest, last = map(str, numbers)
    return f"{', '.join(rest)} and {last}" if rest else last


def _check(lines: list[Line], departments: dict[str, Department]) -> list[str]:
    usernames = {line.row["username"] for line in lines}
    looked_up = {
        name
        for line in lines
        for name in (line.row["username"], line.row["line_manager"])
        if name and _plausible(name)
    }
    users = {user.username: user for user in User.objects.filter(username__in=looked_up)}
    profiles = {
        profile.user.username: profile
        for profile in StaffProfile.objects.select_related("user").filter(
            user__username__in=looked_up & usernames
        )
    }
    problems: list[str] = []
    first_line: dict[str, int] = {}
    manager_of: dict[str, str | None] = {}
    for line in lines:
        username, manager = line.row["username"], line.row["line_manager"]
        if None in line.row:
            problems.append(f"Line {line.number}: there are more values than columns.")
        if username and username in first_line:
            problems.append(
                f"Line {line.number}: username {username!r} is also on line {first_line[username]}."
            )
            continue
        first_line[username] = line.number
        line.person = PersonForm(line.row, instance=users.get(username, User()))
        line.position = PositionForm(
            line.row, instance=profiles.get(username, StaffProfile()), departments=departments
        )
        # Both forms are run, so that every problem on the line is named at once.
        if not all([line.person.is_valid(), line.position.is_valid()]):
            problems += _form_errors(line)
        elif manager == username:
            problems.append(f"Line {line.number}: nobody can be their own line manager.")
        elif manager and manager not in usernames and manager not in users:
            problems.append(
                f"Line {line.number}: line manager {manager!r} is neither in the file nor a user."
            )
        else:
            manager_of[username] = manager or None
    manager_of |= _managers_in_database(set(filter(None, manager_of.values())), usernames)
    return problems + _circles(lines, manager_of)


@transaction.atomic
def import_staff(source: TextIO) -> ImportResult:
    """Create or update users and their staff profiles. Nothing is written when any
    line is wrong: the errors say which, by line number."""
    reader = csv.DictReader(source)
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return ImportResult(errors=[f"The file has no column {', '.join(missing)}."])
        lines = _read(reader)
    except csv.Error as error:
        return ImportResult(errors=[f"Line {reader.line_num}: {error}."])
    departments = {d.slug: d for d in Department.objects.all()}
    result = ImportResult(errors=_check(lines, departments))
    if result.errors:
        return result

    users = {}
    for line in lines:
        user = line.person.save(commit=False)
        if user._state.adding:
            user.set_unusable_password()
            result.created += 1
        else:
            result.updated += 1
        user.save()
        users[user.username] = user
    managers = users | {
        u.username: u
        for u in User.objects.filter(
            username__in={line.row["line_manager"] for line in lines} - users.keys()
        )
    }
    for line in lines:
        profile = line.position.save(commit=False)
        profile.user = users[line.row["username"]]
        profile.department = line.position.cleaned_data["department"]
        profile.line_manager = managers.get(line.row["line_manager"])
        profile.save()
    return result


def import_staff_file(data: bytes) -> ImportResult:
    """The file as the HR system exports it: CSV in UTF-8, with or without a byte order mark."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return ImportResult(
            errors=[
                f"Line {line}: the file is not UTF-8 text (byte 0x{data[error.start]:02x}). "
                "Export it again as CSV UTF-8."
            ]
        )
    return import_staff(io.StringIO(text, newline=""))
