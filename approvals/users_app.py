from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, in INSTALLED_APPS in its place, with a user admin
    that cannot grant authority (approvals.admin_users)."""

    user_viewset = "approvals.admin_users.UserViewSet"
