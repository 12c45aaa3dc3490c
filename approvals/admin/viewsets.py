"""The Sign-off section of the Wagtail admin.

Departments and staff profiles are edited here; delegations, posts, the audit
trail and the outbox are read here and change only through the services;
authority is granted and withdrawn through the services, by the same rule as
on the site: nobody grants what they do not hold.
"""

from django.contrib.auth import get_permission_codename
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.menu import Menu
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from approvals.admin.forms import DepartmentForm, StaffProfileForm
from approvals.admin.menu import ManagerMenuItem, SignOffMenuItem
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

# Wagtail's own routes, so that only the views a viewset names exist at all.
ROUTES = {
    "index": "",
    "index_results": "results/",
    "add": "new/",
    "edit": "edit/<int:pk>/",
    "delete": "delete/<int:pk>/",
    "history": "history/<int:pk>/",
    "history_results": "history-results/<int:pk>/",
    "inspect": "inspect/<int:pk>/",
}


class SignOffViewSet(ModelViewSet):
    """A model viewset with only the views in ``views`` and the permission
    actions in ``actions``: no URL, button or permission exists for the rest."""

    views = frozenset({"inspect"})
    actions = frozenset({"view"})
    list_select_related = ()
    inspect_view_enabled = True
    copy_view_enabled = False
    # Usage screens are not offered, and indexing would add writes to every service call.
    add_to_reference_index = False
    # Changes made only through a service, each a view of its own at "<name>/<pk>/".
    service_views = {}
    # The edit form: these fields, in order, on the form class that validates them.
    form_fields = None
    base_form_class = None

    @cached_property
    def url_names(self):
        names = {"index", "index_results", *self.views}
        if "history" in names:
            names.add("history_results")
        return names

    def get_urlpatterns(self):
        return [
            *(
                path(route, getattr(self, f"{name}_view"), name=name)
                for name, route in ROUTES.items()
                if name in self.url_names
            ),
            *(
                path(f"{name}/<int:pk>/", self.construct_view(view_class), name=name)
                for name, view_class in self.service_views.items()
            ),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for key in view_kwargs:
            if key.endswith("_url_name") and key.removesuffix("_url_name") not in self.url_names:
                view_kwargs[key] = None
        return view_kwargs

    def get_edit_handler(self):
        if self.base_form_class is None:
            return super().get_edit_handler()
        panels = [FieldPanel(name) for name in self.form_fields]
        return ObjectList(panels, base_form_class=self.base_form_class).bind_to_model(self.model)

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)

    def register_admin_url_finder(self):
        if "edit" in self.url_names:
            super().register_admin_url_finder()

    def get_permissions_to_register(self):
        codenames = [get_permission_codename(action, self.model_opts) for action in self.actions]
        return super().get_permissions_to_register().filter(codename__in=codenames)


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
    form_fields = ["name", "slug", "abbreviation", "parent", "signoff_policy"]
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
        AuthorityViewSet,
    )

    def get_menu_item(self, order=None):
        return SignOffMenuItem(
            label=self.menu_label,
            menu=Menu(items=self.get_submenu_items()),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )
