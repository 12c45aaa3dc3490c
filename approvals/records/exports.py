"""The register and the audit trail as spreadsheets, by Wagtail's own export
(``SpreadsheetExportMixin``), for the site's register and the admin's reports.

What Wagtail does and what is added here:

- Wagtail writes CSV row by row into a ``StreamingHttpResponse``, but iterates
  whatever it is given: a queryset would be read whole into its cache. It is
  given ``queryset.iterator()`` instead (a server-side cursor on PostgreSQL,
  the decisions prefetched a chunk at a time), so 100,000 posts are never in
  memory at once. XLSX is written by openpyxl's write-only workbook, whose rows
  go to a temporary file; the finished, compressed file is then sent.
- Wagtail keeps an XLSX cell that looks like a formula as text, but writes CSV
  cells as they are. A CSV cell beginning with "=", "+", "-", "@", a tab or a
  carriage return is prefixed with an apostrophe here, so a spreadsheet opening
  it shows the text rather than running it (OWASP's advice on CSV injection).
"""

from collections import OrderedDict
from collections.abc import Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from approvals.models import AuditEvent, Post, PostStatus
from approvals.records import wording

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def neutralised(value: str) -> str:
    """``value`` as text a spreadsheet will not read as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class Streamed:
    """A queryset read a chunk at a time, with the model Wagtail's headings ask for."""

    def __init__(self, queryset: QuerySet):
        self.model = queryset.model
        self.queryset = queryset

    def __iter__(self) -> Iterator:
        return self.queryset.iterator(chunk_size=CHUNK)


class Export(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export, streamed and with formulas neutralised."""

    custom_value_preprocess = {
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralised},
        **SpreadsheetExportMixin.custom_value_preprocess,
    }

    def export_filename_now(self) -> str:
        return f"{self.export_filename}-{timezone.localtime():%Y-%m-%d-%H%M}"

    def get_filename(self):
        return self.export_filename_now()

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(Streamed(queryset), spreadsheet_format)


class RegisterExport(Export):
    """One row per post in the register."""

    export_filename = "register-of-posts"
    list_export = [
        "id",
        "department",
        "author",
        "channel",
        "account",
        "state",
        "goes_out",
        "submitted",
        "published",
        "live_link",
        "version",
        "text",
        "link",
        "decisions",
        "findings",
        "record",
    ]
    export_headings = {
        "id": "Post",
        "department": "Department",
        "author": "Author",
        "channel": "Channel",
        "account": "Account",
        "state": "State",
        "goes_out": "Goes out",
        "submitted": "Submitted",
        "published": "Published",
        "live_link": "Live link",
        "version": "Version",
        "text": "Final text",
        "link": "Link in the post",
        "decisions": "Decisions (step, who, under which authority, when)",
        "findings": "Findings of the checks on this version",
        "record": "Whole record",
    }

    def to_row_dict(self, item: Post):
        version = item.current_version
        return OrderedDict(
            id=item.pk,
            department=item.department.name,
            author=wording.person(item.author),
            channel=version.get_channel_display(),
            account=version.account,
            state=PostStatus(item.status).label,
            goes_out=wording.local(item.publish_at),
            submitted=wording.local(item.submitted_at),
            published=wording.local(item.published_at),
            live_link=item.published_url,
            version=version.number,
            text=version.text,
            link=version.link,
            decisions="\n".join(wording.decision_line(line) for line in wording.decisions(item)),
            findings="\n".join(wording.finding_line(f) for f in version.findings),
            record=self.request.build_absolute_uri(reverse("approvals:record", args=[item.pk])),
        )


class AuditTrailExport(Export):
    """One row per audit event."""

    export_filename = "audit-trail"
    list_export = [
        "id",
        "when",
        "action",
        "actor",
        "post",
        "version",
        "department",
        "subject",
        "comment",
    ]
    export_headings = {
        "id": "Event",
        "when": "When",
        "action": "What happened",
        "actor": "Who",
        "post": "Post",
        "version": "Version",
        "department": "Department",
        "subject": "About whom",
        "comment": "Comment",
    }

    def to_row_dict(self, item: AuditEvent):
        return OrderedDict(
            id=item.pk,
            when=wording.local(item.created_at),
            action=item.get_action_display(),
            actor=wording.person(item.actor) if item.actor else "The portal",
            post=item.post_id or "",
            version=item.version.number if item.version else "",
            department=item.department.name if item.department else "",
            subject=wording.person(item.subject) if item.subject else "",
            comment=item.comment,
        )
