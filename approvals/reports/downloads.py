"""A figure's CSV: its table's headers and rows. A cell that a spreadsheet would
read as a formula (beginning =, +, - or @, or a tab or carriage return) is
written with an apostrophe first, so that it stays text."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from approvals.reports.figures import Figure

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str | int | float:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(figure: Figure, *, scope: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"sign-off-{figure.slug}-{scope}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow([_cell(header) for header in figure.headers])
    writer.writerows([_cell(value) for value in row] for row in figure.rows)
    return response
