"""A staff file with anything wrong in it is refused whole, each problem named by
its line, and the command says so and exits non-zero, without a traceback."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from approvals.authority.staff_import import import_staff
from approvals.models import StaffProfile
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory
from tests.workers import BASE_DIR

pytestmark = pytest.mark.django_db

User = get_user_model()

HEADER = "username,email,first_name,last_name,department,job_title,line_manager\n"
GOOD = "dee,dee@example.gov.uk,Dee,Ng,cabinet-office,Analyst,\n"


@pytest.fixture
def department():
    return DepartmentFactory(name="Cabinet Office", slug="cabinet-office")


def refused(data: str) -> list[str]:
    users = set(User.objects.values_list("username", "first_name", "last_name", "email"))
    profiles = set(StaffProfile.objects.values_list("user__username", "job_title", "line_manager"))
    result = import_staff(io.StringIO(data, newline=""))
    assert result.errors, "the file was accepted"
    assert set(User.objects.values_list("username", "first_name", "last_name", "email")) == users
    assert set(StaffProfile.objects.values_list("user__username", "job_title", "line_manager")) == (
        profiles
    )
    return result.errors


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            f"{'c' * 151},cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,",
            "username: Ensure this value has at most 150 characters (it has 151).",
        ),
        (
            f"cai,cai@example.gov.uk,{'C' * 151},Li,cabinet-office,Analyst,",
            "first_name: Ensure this value has at most 150 characters (it has 151).",
        ),
        (
            f"cai,cai@example.gov.uk,Cai,Li,cabinet-office,{'A' * 201},",
            "job_title: Ensure this value has at most 200 characters (it has 201).",
        ),
        ("cai,cai.example.gov.uk,Cai,Li,cabinet-office,Analyst,", "email: Enter a valid email"),
        ("cai li,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,", "username: Enter a valid"),
        ("cai\0,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,", "username: Null characters"),
        ("cai,cai@example.gov.uk,Cai,Li,cabinet-office,Ana\0lyst,", "job_title: Null characters"),
        ("cai,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,de\0e", "line_manager: Null"),
        ('cai,cai@example.gov.uk,"Cai\nBcc: x@evil.example",Li,cabinet-office,Analyst,', "U+000A"),
        ('cai,cai@example.gov.uk,Cai,"L\ri",cabinet-office,Analyst,', "U+000D"),
        ("cai,cai@example.gov.uk,Cai,L\ti,cabinet-office,Analyst,", "U+0009"),
        ("cai,cai@example.gov.uk,Cai,\u202eiL,cabinet-office,Analyst,", "U+202E"),
        ("cai,cai@example.gov.uk,Cai,Li,cabinet-office,Chief\u200b Analyst,", "U+200B"),
        ("cai,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,,extra", "more values than"),
    ],
)
def test_a_bad_value_is_refused_by_line_and_field_and_nothing_is_imported(
    department, line, message
):
    errors = refused(HEADER + GOOD + line + "\n")
    assert any(error.startswith("Line 3: ") and message in error for error in errors), errors


def test_a_control_character_is_explained(department):
    [error] = refused(HEADER + GOOD + "cai,cai@example.gov.uk,Cai,L\ti,cabinet-office,Analyst,\n")
    assert error == (
        "Line 3: last_name: Remove the line break, tab or invisible character (U+0009): "
        "only letters, digits, spaces and punctuation are allowed."
    )


def test_every_problem_in_the_file_is_named_at_once(department):
    errors = refused(
        HEADER
        + f"{'a' * 151},not-an-address,Amir,Khan,cabinet-office,Analyst,\n"
        + GOOD
        + "bea,bea@example.gov.uk,Bea,Jones,nowhere,,\n"
    )
    assert errors == [
        "Line 2: username: Ensure this value has at most 150 characters (it has 151).",
        "Line 2: email: Enter a valid email address.",
        "Line 4: department: there is no department 'nowhere'.",
        "Line 4: job_title is empty.",
    ]


def test_a_username_twice_in_the_file_is_refused(department):
    errors = refused(
        HEADER + GOOD + "cai,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,\n" + GOOD
    )
    assert errors == ["Line 4: username 'dee' is also on line 2."]


def test_line_managers_in_a_circle_within_the_file_are_refused(department):
    two = "amir,amir@example.gov.uk,Amir,Khan,cabinet-office,Analyst,bea\n"
    two += "bea,bea@example.gov.uk,Bea,Jones,cabinet-office,Head of analysis,amir\n"
    assert refused(HEADER + two) == [
        "Line 2: line management would go round in a circle: amir → bea → amir (see also line 3)."
    ]
    three = (
        GOOD
        + "amir,amir@example.gov.uk,Amir,Khan,cabinet-office,Analyst,cai\n"
        + "bea,bea@example.gov.uk,Bea,Jones,cabinet-office,Analyst,amir\n"
        + "cai,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,bea\n"
    )
    assert refused(HEADER + three) == [
        "Line 3: line management would go round in a circle: "
        "amir → cai → bea → amir (see also lines 4 and 5)."
    ]


def test_a_circle_through_people_already_in_the_database_is_refused(department):
    # Already there: amir manages bea, who manages cai.
    amir = UserFactory(username="amir")
    bea = UserFactory(username="bea")
    StaffProfileFactory(user=amir, department=department)
    StaffProfileFactory(user=bea, department=department, line_manager=amir)
    StaffProfileFactory(user=UserFactory(username="cai"), department=department, line_manager=bea)
    errors = refused(HEADER + "amir,amir@example.gov.uk,Amir,Khan,cabinet-office,Analyst,cai\n")
    assert errors == [
        "Line 2: line management would go round in a circle: amir → cai → bea → amir."
    ]


def test_names_in_any_script_are_imported_but_not_with_invisible_characters(tmp_path, department):
    lines = [
        "zoe,zoe@example.gov.uk,Zoë,Ó Súilleabháin,cabinet-office,Swyddog Polisi,",
        "ngugi,ngugi@example.gov.uk,Ngũgĩ,wa Thiong\u2019o,cabinet-office,Analyst,zoe",
        "layla,layla@example.gov.uk,ليلى,العمري,cabinet-office,Analyst,zoe",
    ]
    path = tmp_path / "staff.csv"
    with_bidi = [*lines[:2], lines[2].replace("ليلى", "\u202bليلى\u202c")]
    path.write_bytes((HEADER + "\n".join(with_bidi) + "\n").encode("utf-8-sig"))
    with pytest.raises(CommandError, match=r"Line 4: first_name: .*U\+202B"):
        call_command("import_staff", path)
    assert not User.objects.exists()

    path.write_bytes((HEADER + "\n".join(lines) + "\n").encode("utf-8-sig"))
    call_command("import_staff", path, stdout=io.StringIO())
    assert str(User.objects.get(username="layla")) == "ليلى العمري"
    assert StaffProfile.objects.get(user__username="ngugi").line_manager.first_name == "Zoë"


def manage(*args) -> subprocess.CompletedProcess:
    """manage.py in a process of its own, as an operator runs it, on the test database."""
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}"
        ),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_latin_1_file_is_refused_by_the_command_without_a_traceback(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(
        (HEADER + GOOD + "zoe,zoe@example.gov.uk,Zoë,Brown,cabinet-office,Analyst,\n").encode(
            "latin-1"
        )
    )
    run = manage("import_staff", str(path))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "Line 3: the file is not UTF-8 text (byte 0xeb). Export it again as CSV UTF-8." in (
        run.stderr
    )


def test_nul_bytes_are_refused_by_the_command_without_a_traceback(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(
        (
            HEADER
            + "dee,dee@example.gov.uk,De\0e,Ng,cabinet-office,Analyst,\n"
            + "cai,cai@example.gov.uk,Cai,Li,cabinet\0office,Analyst,dee\n"
        ).encode()
    )
    run = manage("import_staff", str(path))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "Line 2: first_name: Null characters are not allowed." in run.stderr
    assert "Line 3: department: there is no department 'cabinet\\x00office'." in run.stderr


def test_the_command_names_a_file_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_staff", tmp_path)
