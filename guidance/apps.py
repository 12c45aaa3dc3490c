from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from guidance import permissions, published, signal_handlers
        from portal import user_cache

        signal_handlers.connect()
        user_cache.read_ahead(published.read_with_user)
        # Here rather than in wagtail_hooks.py, which Wagtail loads only when a
        # hook is first asked for: no permission may be checked before it.
        register_permission_policy(AbstractPage, permissions.SignOffPagePermissionPolicy())
