"""Registers the Sign-off section of the Wagtail admin (approvals/admin/viewsets.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from approvals.admin.users import AssignRoleBulkAction
from approvals.admin.views import AdminActionsPolicy
from approvals.admin.viewsets import SignOffGroup, SignOffViewSet

# Registered before anything can ask Wagtail for these models' policies.
for _viewset in SignOffGroup.items:
    if issubclass(_viewset, SignOffViewSet):
        register_permission_policy(
            _viewset.model, AdminActionsPolicy(_viewset.model, _viewset.actions)
        )


@hooks.register("register_admin_viewset")
def register_signoff_admin():
    return SignOffGroup()


# After Wagtail's own, which it replaces: the same action, offering no group
# that carries authority.
hooks.register("register_bulk_action", AssignRoleBulkAction, order=1)
