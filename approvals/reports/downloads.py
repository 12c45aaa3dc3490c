"""A figure's CSV: its table's headers and rows. A cell that a spreadsheet would
read as a formula (beginning =, +, - or @, or a tab or carriage return) is
written with an apostrophe first, so that it stays text."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from approvals.reports.figures import Figure
from portal.spreadsheets import BYTE_ORDER_MARK, as_text


def csv_response(figure: Figure, *, scope: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"sign-off-{figure.slug}-{scope}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write(BYTE_ORDER_MARK)
    writer = csv.writer(response)
    writer.writerow([as_text(header) for header in figure.headers])
    writer.writerows([as_text(value) for value in row] for row in figure.rows)
    return response
