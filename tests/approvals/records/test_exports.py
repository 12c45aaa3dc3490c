"""The register and the audit trail as CSV and XLSX: their columns, what they
hold, and that no cell can become a formula in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from approvals.records.exports import AuditTrailExport, RegisterExport

pytestmark = pytest.mark.django_db

REGISTER = reverse("approvals:register")
AUDIT = reverse("approvals:audit_trail_export")
HOSTILE = ['=HYPERLINK("https://evil.invalid")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def csv_rows(response):
    assert response.streaming  # written as it is read, never held whole
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    # Excel reads it as UTF-8 only when it starts with a byte-order mark.
    assert body.startswith("\ufeff")
    body = body.removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(body)))


def xlsx_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_register_csv_columns_and_a_row(org, register, as_user):
    rows = csv_rows(as_user(register.records_officer).get(f"{REGISTER}?export=csv"))
    assert rows[0] == [RegisterExport.export_headings[f] for f in RegisterExport.list_export]
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert len(by_id) == 5
    published = by_id[str(register.published.pk)]
    assert published["Department"] == "Cabinet Office"
    assert published["Author"] == org.author.get_full_name()
    assert published["Channel"] == "LinkedIn"
    assert published["State"] == "Published"
    assert published["Live link"] == "https://www.linkedin.com/posts/1"
    assert published["Final text"] == "Cabinet Office: published news."
    assert published["Version"] == "1"
    assert published["Decisions (step, who, under which authority, when)"].startswith(
        f"Line manager: approved by {org.manager.get_full_name()} (line manager), "
    )
    assert published["Whole record"].endswith(
        reverse("approvals:record", args=[register.published.pk])
    )
    rejected = by_id[str(register.rejected.pk)]
    assert "(covering deputy)" in rejected["Decisions (step, who, under which authority, when)"]
    assert rejected["Decisions (step, who, under which authority, when)"].endswith(
        ": Not ours to say."
    )


def test_register_export_follows_the_filters(register, as_user):
    rows = csv_rows(as_user(register.records_officer).get(f"{REGISTER}?state=rejected&export=csv"))
    assert [row[0] for row in rows[1:]] == [str(register.rejected.pk)]


def test_register_xlsx_columns(register, as_user):
    _sheet, rows = xlsx_rows(as_user(register.records_officer).get(f"{REGISTER}?export=xlsx"))
    assert rows[0] == [RegisterExport.export_headings[f] for f in RegisterExport.list_export]
    assert len(rows) == 6


@pytest.mark.parametrize("text", HOSTILE)
def test_no_cell_becomes_a_formula(org, make_post, as_user, text):
    from approvals.posts import services

    post = make_post(org.author, text=text, account=text)
    services.withdraw_post(post_id=post.pk, author=org.author, reason=text)
    client = as_user(org.superuser)

    rows = csv_rows(client.get(f"{REGISTER}?export=csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Final text"] == "'" + text
    assert row["Account"] == "'" + text
    trail = csv_rows(client.get(f"{AUDIT}?export=csv"))
    assert ["'" + text] == [r[-1] for r in trail[1:] if r[2] == "Withdrawn"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows + trail for cell in r)

    # Wagtail keeps a would-be formula as text in XLSX: the cell is a string.
    sheet, _ = xlsx_rows(client.get(f"{REGISTER}?export=xlsx"))
    cell = sheet.cell(row=2, column=RegisterExport.list_export.index("text") + 1)
    assert cell.value == text and cell.data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    sheet, _cells = xlsx_rows(client.get(f"{AUDIT}?export=xlsx"))
    (withdrawn,) = [row for row in sheet.iter_rows() if row[2].value == "Withdrawn"]
    assert withdrawn[8].value == text and withdrawn[8].data_type == "s"


def test_audit_trail_columns(org, register, as_user):
    rows = csv_rows(as_user(register.records_officer).get(f"{AUDIT}?export=csv"))
    assert rows[0] == [AuditTrailExport.export_headings[f] for f in AuditTrailExport.list_export]
    actions = {(r[2], r[3], r[4]) for r in rows[1:]}
    assert ("Rejected", org.deputy.get_full_name(), str(register.rejected.pk)) in actions
    assert ("Publication recorded", org.author.get_full_name(), str(register.published.pk)) in (
        actions
    )
    # Treasury's post is not in the Cabinet Office's trail.
    assert str(register.treasury.pk) not in {r[4] for r in rows[1:]}
    # Every event about a post names the post's department.
    about_posts = [r for r in rows[1:] if r[4]]
    assert about_posts and {r[6] for r in about_posts} == {"Cabinet Office"}


def test_audit_trail_only_as_a_spreadsheet_and_only_for_record_keepers(org, register, as_user):
    assert as_user(register.records_officer).get(AUDIT).status_code == 404
    assert as_user(org.author).get(f"{AUDIT}?export=csv").status_code == 404
