"""The register and the audit trail in the Wagtail admin, as Wagtail reports
with its own spreadsheet export (``approvals.records.exports``).

The register is for whoever keeps records and reaches the admin: admins see
every department, a department admin theirs and their agencies. Records
officers, who have no business in the admin, read and export the same
register on the site (``approvals.records.views``).
"""

import django_filters
from django.http import Http404
from django.utils import dateformat, timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from approvals.models import Post
from approvals.posts.channels import Channel
from approvals.records import permissions, selectors
from approvals.records.exports import AuditTrailExport, RegisterExport


def _goes_out(post) -> str:
    # Wagtail's DateColumn says how long ago, so every post still to go out
    # read "Just now"; the register gives the date, as the site's does.
    return dateformat.format(timezone.localtime(post.publish_at), "j M Y, H:i")


class RegisterFilterSet(WagtailFilterSet):
    department = django_filters.ChoiceFilter(label="Department", field_name="department_id")
    channel = django_filters.ChoiceFilter(
        label="Channel", field_name="current_version__channel", choices=Channel.choices()
    )
    status = django_filters.ChoiceFilter(
        label="State",
        choices=[(state.value, state.label) for state in selectors.REGISTER_STATES],
    )
    publish_at = django_filters.DateFromToRangeFilter(
        label="Goes out", widget=DateRangePickerWidget
    )
    text = django_filters.CharFilter(
        label="Text", field_name="current_version__text", lookup_expr="icontains"
    )

    class Meta:
        model = Post
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["department"].extra["choices"] = [
            (str(pk), name) for pk, name in selectors.departments_for(request.user)
        ]


class ExportWithoutListing:
    """An export answered before Wagtail builds the listing's context, which
    counts an unpaginated listing with ``len()``, reading every row at once."""

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.get_queryset(), request.GET["export"])
        return super().get(request, *args, **kwargs)


class DownloadsInHeader:
    """The downloads as buttons in the header, beside the title: Wagtail puts
    them in its "⋯" menu, where people looking for them did not find them.
    Wagtail draws the header again as the filters change, so each button
    downloads what the listing shows."""

    @cached_property
    def show_export_buttons(self):
        # Wagtail's menu entries, which the header's buttons replace.
        return False

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton("Download CSV", url=self.csv_export_url, icon_name="download"),
            HeaderButton("Download XLSX", url=self.xlsx_export_url, icon_name="download"),
        ]


class RegisterReportView(ExportWithoutListing, DownloadsInHeader, RegisterExport, ReportView):
    page_title = "Register of official posts"
    header_icon = "doc-full"
    index_url_name = "signoff_register:index"
    index_results_url_name = "signoff_register:results"
    filterset_class = RegisterFilterSet
    default_ordering = "-publish_at"
    paginate_by = 25
    columns = [
        Column("id", label="Post", sort_key="id"),
        Column("department", label="Department", accessor="department.name"),
        Column("author", label="Author", accessor="author"),
        Column("channel", label="Channel", accessor="current_version.get_channel_display"),
        Column("account", label="Account", accessor="current_version.account"),
        Column("text", label="Final text", accessor="current_version.text"),
        Column("status", label="State", accessor="get_status_display", sort_key="status"),
        Column("publish_at", label="Goes out", accessor=_goes_out, sort_key="publish_at"),
        Column("published_url", label="Live link"),
    ]

    def dispatch(self, request, *args, **kwargs):
        # Wagtail's report permission is a model permission; the register's is
        # whose records one keeps, checked on every request.
        if not permissions.keeps_records(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):
        return True

    def get_base_queryset(self):
        return selectors.register(self.request.user)

    def order_queryset(self, queryset):
        # Posts going out at the same minute keep one order from page to page.
        return queryset.order_by(self.ordering or "-publish_at", "-pk")


class AuditTrailIndexView(
    ExportWithoutListing, DownloadsInHeader, AuditTrailExport, generic.IndexView
):
    """The Sign-off section's audit trail, downloadable as CSV and XLSX."""
