"""The Sign-off section's reports (every department) and retention pages, for
administrators only: anyone else gets a 404, as on the site."""

from django.http import Http404
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from approvals.models import Department
from approvals.reports import figures, queries
from approvals.reports.views import figure_csv, scope
from approvals.retention import sweep


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


class AdministratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _every_department() -> list[queries.Place]:
    return [
        queries.Place(*row)
        for row in Department.objects.order_by("name", "pk").values_list("pk", "name", "slug")
    ]


def _scope(request):
    return scope(request, _every_department(), everywhere=True)


class ReportsView(AdministratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "approvals/reports/admin_reports.html"
    page_title = "Reports"
    header_icon = "table"
    csv_url_name = None

    def get_context_data(self, **kwargs):
        form, chosen, departments, period = _scope(self.request)
        return super().get_context_data(
            form=form,
            chosen=chosen[0] if len(chosen) == 1 else None,
            weeks=str(period.weeks),
            period=period,
            figures=figures.all_figures(departments, period),
            csv_url=reverse(self.csv_url_name),
            query=self.request.GET.urlencode(),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        return super().render_to_response(
            context, status=400 if context["form"].errors else 200, **kwargs
        )


def reports_csv(request):
    if not request.user.is_superuser:
        raise Http404
    return figure_csv(request, _every_department(), everywhere=True)


class RetentionView(AdministratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """What the next run of the retention schedule would delete, and the records
    due for review: its dry run, in the admin."""

    template_name = "approvals/admin/retention.html"
    page_title = "Retention"
    header_icon = "time"

    def get_context_data(self, **kwargs):
        when = sweep.due()
        drafts = sweep.drafts_due(when)
        records = sweep.records_due(when)
        return super().get_context_data(
            when=when,
            drafts=drafts[: sweep.LISTED],
            draft_count=drafts.count(),
            records=records[: sweep.LISTED],
            record_count=records.count(),
            listed=sweep.LISTED,
            **kwargs,
        )


class ReportsViewSet(ViewSet):
    name = "signoff_reports"
    url_prefix = "sign-off/reports"
    icon = "table"
    menu_label = "Reports"
    menu_item_class = AdministratorMenuItem

    def get_urlpatterns(self):
        return [
            path(
                "",
                ReportsView.as_view(csv_url_name=self.get_url_name("csv")),
                name="index",
            ),
            path("csv/", reports_csv, name="csv"),
        ]


class RetentionViewSet(ViewSet):
    name = "signoff_retention"
    url_prefix = "sign-off/retention"
    icon = "time"
    menu_label = "Retention"
    menu_item_class = AdministratorMenuItem

    def get_urlpatterns(self):
        return [path("", RetentionView.as_view(), name="index")]
