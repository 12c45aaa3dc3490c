from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, in INSTALLED_APPS in its place, with user and group
    admin that cannot grant or withdraw authority (approvals.admin.users)."""

    user_viewset = "approvals.admin.users.UserViewSet"
    group_viewset = "approvals.admin.users.GroupViewSet"
