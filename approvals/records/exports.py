"""The register and the audit trail as spreadsheets, by Wagtail's own export
(``SpreadsheetExportMixin``), for the site's register and the admin's reports.

What Wagtail does and what is added here:

- Wagtail writes CSV row by row into a ``StreamingHttpResponse``, but iterates
  whatever it is given: a queryset would be read whole into its cache. It is
  given ``queryset.iterator()`` instead (a server-side cursor on PostgreSQL,
  the decisions prefetched a chunk at a time), so 100,000 posts are never in
  memory at once. XLSX is written by openpyxl's write-only workbook, whose rows
  go to a temporary file; the finished, compressed file is then sent.
- Each CSV starts with a byte-order mark and says it is UTF-8, so that Excel
  reads accented names as they are.
- Wagtail keeps an XLSX cell that looks like a formula as text, but writes CSV
  cells as they are. A CSV cell beginning with "=", "+", "-", "@", a tab or a
  carriage return is prefixed with an apostrophe here, so a spreadsheet opening
  it shows the text rather than running it (OWASP's advice on CSV injection).
"""

from collections import OrderedDict
from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from approvals.models import AuditEvent, PostStatus
from approvals.posts.channels import Channel
from approvals.records import selectors, wording
from portal.spreadsheets import BYTE_ORDER_MARK, as_text

CHUNK = 2000
CHANNELS = dict(Channel.choices())
STATES = dict(PostStatus.choices)


class Streamed:
    """What to export, read a chunk at a time, with the model Wagtail's headings ask for."""

    def __init__(self, queryset: QuerySet, read: Callable[[QuerySet], Iterator]):
        self.model = queryset.model
        self.queryset = queryset
        self.read = read

    def __iter__(self) -> Iterator:
        return self.read(self.queryset)


class Export(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export, streamed and with formulas neutralised."""

    custom_value_preprocess = {
        str: {SpreadsheetExportMixin.FORMAT_CSV: as_text},
        **SpreadsheetExportMixin.custom_value_preprocess,
    }

    def export_filename_now(self) -> str:
        return f"{self.export_filename}-{timezone.localtime():%Y-%m-%d-%H%M}"

    def get_filename(self):
        return self.export_filename_now()

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def rows(self, queryset: QuerySet) -> Iterator:
        return queryset.iterator(chunk_size=CHUNK)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(Streamed(queryset, self.rows), spreadsheet_format)


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

    def rows(self, queryset: QuerySet) -> Iterator:
        return selectors.rows(queryset)

    def to_row_dict(self, item: dict):
        """One row of ``selectors.rows``: columns, not a model."""
        return OrderedDict(
            id=item["pk"],
            department=item["department__name"],
            author=item["author"],
            channel=CHANNELS.get(item["current_version__channel"], ""),
            account=item["current_version__account"],
            state=STATES[item["status"]],
            goes_out=wording.local(item["publish_at"]),
            submitted=wording.local(item["submitted_at"]),
            published=wording.local(item["published_at"]),
            live_link=item["published_url"],
            version=item["current_version__number"],
            text=item["current_version__text"],
            link=item["current_version__link"],
            decisions="\n".join(wording.decision_line(line) for line in item["decisions"]),
            findings="\n".join(wording.finding_line(f) for f in item["current_version__findings"]),
            record="{}/{}/{}".format(self.record_url[0], item["pk"], self.record_url[1]),
        )

    @cached_property
    def record_url(self) -> tuple[str, str]:
        """The record's address either side of the post's number, built once:
        reversing and building an absolute address for each of 100,000 rows
        takes seconds."""
        head, tail = self.request.build_absolute_uri(reverse("approvals:record", args=[0])).rsplit(
            "/0/", 1
        )
        return head, tail


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
            department=_department_of(item),
            subject=wording.person(item.subject) if item.subject else "",
            comment=item.comment,
        )


def _department_of(event: AuditEvent) -> str:
    """An event about a post keeps no department of its own: it is the post's."""
    department = event.department or (event.post.department if event.post else None)
    return department.name if department else ""
