"""Wagtail's user and group admin, without the groups that carry delegated authority.

The user forms, the "Assign role" bulk action and the group admin all leave
them out.

Authority is granted and withdrawn on a department's page, which checks that
the granter holds it and writes the audit trail. Wagtail's own user form
would otherwise offer every group, so a superuser could grant authority, or
take it away by saving a user, with no audit event; and its group admin
could delete an authority group, withdrawing it from everyone at once.
"""

from django import forms as django_forms
from django.contrib.auth.models import Group
from wagtail.users import forms
from wagtail.users.views import groups
from wagtail.users.views.bulk_actions import assign_role
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class WithoutAuthorityGroups:
    """Offers only the groups that carry no authority, and keeps the authority
    groups the user is in when the form is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.filter(authority__isnull=True)

    def _save_m2m(self):
        if "groups" in self.cleaned_data:
            # Set once with the authority held, which is then never removed, even for a moment.
            held = self.instance.groups.filter(authority__isnull=False)
            self.cleaned_data["groups"] = [*self.cleaned_data["groups"], *held]
        super()._save_m2m()


class UserCreationForm(WithoutAuthorityGroups, forms.UserCreationForm):
    pass


class UserEditForm(WithoutAuthorityGroups, forms.UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


def _without_authority(queryset):
    return queryset.filter(authority__isnull=True)


class GroupIndexView(groups.IndexView):
    def get_base_queryset(self):
        return _without_authority(super().get_base_queryset())


class GroupEditView(groups.EditView):
    def get_queryset(self):
        return _without_authority(super().get_queryset())


class GroupDeleteView(groups.DeleteView):
    def get_queryset(self):
        return _without_authority(super().get_queryset())


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView


class RoleForm(assign_role.RoleForm):
    role = django_forms.ModelChoiceField(queryset=Group.objects.filter(authority__isnull=True))


class AssignRoleBulkAction(assign_role.AssignRoleBulkAction):
    form_class = RoleForm
