"""Wagtail model viewsets that have only the views they name.

Wagtail's ModelViewSet offers every view (add, edit, delete, copy, history…);
a record the admin may only read, or only remove, must not have the others
at all: no URL, no button and no permission to grant.
"""

from django.contrib.auth import get_permission_codename
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

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


class LimitedModelViewSet(ModelViewSet):
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
