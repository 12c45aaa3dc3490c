from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self):
        from wagtail import hooks
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from guidance import dashboard as guidance_dashboard
        from guidance import permissions, serving, signal_handlers
        from portal import dashboard, navigation

        signal_handlers.connect()
        hooks.register("on_serve_page", serving.keep_whole)
        # Here rather than in wagtail_hooks.py, which Wagtail loads only when a
        # hook is first asked for: no permission may be checked before it.
        register_permission_policy(AbstractPage, permissions.SignOffPagePermissionPolicy())
        navigation.register("Guidance", "/", order=10)
        navigation.register("Search", "guidance:search", order=20)
        dashboard.register_tasks("guidance", guidance_dashboard.confirmation_due)
