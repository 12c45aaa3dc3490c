"""The Sign-off section of the Wagtail admin.

Departments and staff profiles are edited here; delegations, posts, the audit
trail and the outbox are read here and change only through the services;
authority is granted and withdrawn through the services, by the same rule as
on the site: nobody grants what they do not hold.
"""

from django.urls import path
from wagtail.admin.menu import Menu
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from approvals.admin.forms import DepartmentForm, StaffProfileForm
from approvals.admin.menu import ManagerMenuItem, RecordsMenuItem, SignOffMenuItem
from approvals.admin.register import AuditTrailIndexView, RegisterReportView
from approvals.admin.reports import ReportsViewSet, RetentionViewSet
from approvals.admin.views import (
    AuthorityIndexView,
    DelegationInspectView,
    DepartmentAuthorityView,
    DepartmentDeleteView,
    DepartmentEditView,
    OutboxFilterSet,
    OutboxIndexView,
    OutboxInspectView,
    PostInspectView,
    RetryEmailView,
    WithdrawCoverView,
)
from approvals.models import AuditEvent, Delegation, Department, OutboxMessage, Post, StaffProfile
from portal.admin_viewsets import LimitedModelViewSet


class SignOffViewSet(LimitedModelViewSet):
    """A viewset of the Sign-off section."""


class DepartmentViewSet(SignOffViewSet):
    model = Department
    name = "signoff_departments"
    url_prefix = "sign-off/departments"
    icon = "site"
    views = frozenset({"add", "edit", "delete", "history", "inspect"})
    # Authority is held per department through its groups, never as these model permissions.
    actions = frozenset({"add", "change", "delete", "view"})
    edit_view_class = DepartmentEditView
    delete_view_class = DepartmentDeleteView
    list_display = ["name", "abbreviation", "parent", "signoff_policy"]
    list_select_related = ["parent"]
    search_fields = ["name", "abbreviation", "slug"]
    form_fields = [
        "name",
        "slug",
        "abbreviation",
        "parent",
        "signoff_policy",
        "accessibility_findings_need_second_step",
    ]
    base_form_class = DepartmentForm


class StaffProfileViewSet(SignOffViewSet):
    model = StaffProfile
    name = "signoff_staff"
    url_prefix = "sign-off/staff"
    icon = "user"
    views = frozenset({"add", "edit", "history", "inspect"})
    actions = frozenset({"add", "change", "view"})
    list_display = ["user", "department", "job_title", "line_manager"]
    list_filter = ["department"]
    list_select_related = ["user", "department", "line_manager"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    form_fields = ["user", "department", "job_title", "line_manager"]
    base_form_class = StaffProfileForm


class DelegationViewSet(SignOffViewSet):
    model = Delegation
    name = "signoff_delegations"
    url_prefix = "sign-off/delegations"
    icon = "date"
    # "change" is withdrawing cover, through the service; dates are never edited.
    actions = frozenset({"change", "view"})
    inspect_view_class = DelegationInspectView
    service_views = {"withdraw": WithdrawCoverView}
    list_display = ["deputy", "delegator", "starts_on", "ends_on", "reason", "withdrawn_at"]
    list_select_related = ["deputy", "delegator"]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            withdraw_url_name=self.get_url_name("withdraw"), **kwargs
        )


class PostViewSet(SignOffViewSet):
    model = Post
    name = "signoff_posts"
    url_prefix = "sign-off/posts"
    icon = "doc-full"
    inspect_view_class = PostInspectView
    list_display = ["__str__", "department", "channel", "status", "publish_at", "updated_at"]
    list_filter = ["status", "department", "channel"]
    list_select_related = ["author", "department"]


class AuditEventViewSet(SignOffViewSet):
    model = AuditEvent
    name = "signoff_audit"
    url_prefix = "sign-off/audit-trail"
    icon = "history"
    menu_label = "Audit trail"
    index_view_class = AuditTrailIndexView
    export_filename = "audit-trail"
    ordering = ["-created_at", "-pk"]
    list_display = ["__str__", "actor", "department", "post", "subject", "comment"]
    list_filter = ["action", "department"]
    list_select_related = ["actor", "department", "post__author", "subject"]
    search_fields = ["comment"]


class OutboxViewSet(SignOffViewSet):
    model = OutboxMessage
    name = "signoff_outbox"
    url_prefix = "sign-off/outbox"
    icon = "mail"
    menu_label = "Outbox"
    # "change" is retrying a message, through the service; messages are never edited.
    actions = frozenset({"change", "view"})
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    service_views = {"retry": RetryEmailView}
    ordering = ["-created_at", "-pk"]
    list_display = [
        "subject",
        "to",
        "status",
        "attempts",
        "last_error",
        "next_attempt",
        "created_at",
        "sent_at",
    ]
    filterset_class = OutboxFilterSet

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)


class RegisterViewSet(ViewSet):
    """The register of official posts, for whoever keeps records (``approvals.records``)."""

    name = "signoff_register"
    url_prefix = "sign-off/register"
    icon = "doc-full"
    menu_label = "Register of posts"
    menu_item_class = RecordsMenuItem

    def get_urlpatterns(self):
        return [
            path("", RegisterReportView.as_view(), name="index"),
            path("results/", RegisterReportView.as_view(results_only=True), name="results"),
        ]


class AuthorityViewSet(ViewSet):
    name = "signoff_authority"
    url_prefix = "sign-off/authority"
    icon = "key"
    menu_label = "Authority"
    menu_item_class = ManagerMenuItem

    def get_urlpatterns(self):
        names = {
            "index_url_name": self.get_url_name("index"),
            "department_url_name": self.get_url_name("department"),
        }
        return [
            path("", AuthorityIndexView.as_view(**names), name="index"),
            path("<int:pk>/", DepartmentAuthorityView.as_view(**names), name="department"),
        ]


class SignOffGroup(ViewSetGroup):
    menu_label = "Sign-off"
    menu_icon = "tasks"
    items = (
        DepartmentViewSet,
        StaffProfileViewSet,
        DelegationViewSet,
        PostViewSet,
        AuditEventViewSet,
        OutboxViewSet,
        RegisterViewSet,
        AuthorityViewSet,
        ReportsViewSet,
        RetentionViewSet,
    )

    def get_menu_item(self, order=None):
        return SignOffMenuItem(
            label=self.menu_label,
            menu=Menu(items=self.get_submenu_items()),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )
