import io

import pytest
from django.core.management import CommandError, call_command

from approvals.authority.staff_import import import_staff
from approvals.models import StaffProfile
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

HEADER = "username,email,first_name,last_name,department,job_title,line_manager\n"


@pytest.fixture
def department():
    return DepartmentFactory(name="Cabinet Office", slug="cabinet-office")


def test_staff_are_imported_with_their_line_managers_and_a_second_run_changes_nothing(department):
    data = (
        HEADER
        + "amir,amir@example.gov.uk,Amir,Khan,cabinet-office,Analyst,bea\n"
        + "bea,bea@example.gov.uk,Bea,Jones,cabinet-office,Head of analysis,\n"
    )
    first = import_staff(io.StringIO(data))
    assert (first.created, first.errors) == (2, [])
    amir = StaffProfile.objects.select_related("line_manager").get(user__username="amir")
    assert amir.line_manager.username == "bea"
    assert not amir.user.has_usable_password()
    snapshot = list(StaffProfile.objects.values_list("user__username", "job_title", "line_manager"))
    second = import_staff(io.StringIO(data))
    assert (second.created, second.updated) == (0, 2)
    assert (
        list(StaffProfile.objects.values_list("user__username", "job_title", "line_manager"))
        == snapshot
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("cai,cai@example.gov.uk,Cai,Li,nowhere,Analyst,", "no department 'nowhere'"),
        ("cai,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,ghost", "neither in the file"),
        ("cai,cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,cai", "their own line manager"),
        (",cai@example.gov.uk,Cai,Li,cabinet-office,Analyst,", "username is empty"),
    ],
)
def test_a_bad_line_is_reported_by_number_and_nothing_is_imported(department, line, message):
    result = import_staff(
        io.StringIO(
            HEADER + "dee,dee@example.gov.uk,Dee,Ng,cabinet-office,Analyst,\n" + line + "\n"
        )
    )
    assert any(message in error and "Line 3" in error for error in result.errors)
    assert not StaffProfile.objects.exists()


def test_the_command_explains_a_missing_column(tmp_path, department):
    path = tmp_path / "staff.csv"
    path.write_text("username,email\namir,amir@example.gov.uk\n")
    with pytest.raises(CommandError, match="no column first_name"):
        call_command("import_staff", path)
