"""The register and the audit trail in the Wagtail admin: Wagtail's reports,
showing and exporting what each person keeps the records of."""

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.records.exports import AuditTrailExport, RegisterExport
from tests.approvals.admin.test_admin import with_admin_access

pytestmark = pytest.mark.django_db

REGISTER = reverse("signoff_register:index")


def csv_rows(response):
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_admin_sees_every_department_in_the_admins_register(org, register, as_user):
    client = as_user(org.superuser)
    page = client.get(REGISTER).content.decode()
    assert "Register of official posts" in page
    assert "treasury news" in page and "Cabinet Office: approved news." in page
    rows = csv_rows(client.get(f"{REGISTER}?export=csv"))
    assert rows[0] == [RegisterExport.export_headings[f] for f in RegisterExport.list_export]
    assert len(rows) == 7
    filtered = csv_rows(client.get(f"{REGISTER}?export=csv&status=published"))
    assert [row[0] for row in filtered[1:]] == [str(register.published.pk)]
    results = client.get(reverse("signoff_register:results") + "?status=rejected")
    assert "Not ours" not in results.content.decode()  # reasons are in the record, not the list
    assert "rejected news" in results.content.decode()
    assert "approved news" not in results.content.decode()


def test_department_admin_sees_only_theirs(org, register, as_user):
    client = as_user(with_admin_access(org.co_admin))
    page = client.get(REGISTER).content.decode()
    assert "Cabinet Office: approved news." in page and "treasury news" not in page
    rows = csv_rows(client.get(f"{REGISTER}?export=csv"))
    assert str(register.treasury.pk) not in {row[0] for row in rows[1:]}


def test_nobody_else_reaches_it(org, register, as_user):
    assert as_user(with_admin_access(org.colleague)).get(REGISTER).status_code == 404
    assert as_user(with_admin_access(org.colleague)).get(f"{REGISTER}?export=csv").status_code == (
        404
    )


def test_audit_trail_exports_from_the_admin(org, register, as_user):
    url = reverse("signoff_audit:index") + "?export=csv"
    rows = csv_rows(as_user(org.superuser).get(url))
    assert rows[0] == [AuditTrailExport.export_headings[f] for f in AuditTrailExport.list_export]
    assert any(row[2] == "Rejected" and row[-1] == "Not now." for row in rows[1:])


@pytest.mark.parametrize(
    ("index", "results"),
    [
        ("signoff_register:index", "signoff_register:results"),
        ("signoff_audit:index", "signoff_audit:index_results"),
    ],
)
def test_the_downloads_are_buttons_in_the_header_not_in_a_menu(
    org, register, as_user, index, results
):
    client = as_user(org.superuser)
    page = client.get(reverse(index) + "?department=").content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    for label, export in (("Download CSV", "csv"), ("Download XLSX", "xlsx")):
        assert f"export={export}" in header and label in header
    assert "dots-horizontal" not in header
    # The header drawn again with the listing, as a filter changes: its downloads follow.
    refreshed = client.get(reverse(results) + "?department=").content.decode()
    assert "export=csv" in refreshed


def test_the_register_gives_the_date_a_post_goes_out_even_when_still_to_come(
    org, register, as_user
):
    register.approved.publish_at = timezone.make_aware(datetime(2099, 3, 4, 9, 30))
    register.approved.save(update_fields=["publish_at"])
    page = as_user(org.superuser).get(REGISTER).content.decode()
    assert "4 Mar 2099, 09:30" in page
    assert "Just now" not in page
