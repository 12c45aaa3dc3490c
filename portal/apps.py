from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal import dashboard, govuk_components

        govuk_components.install()
        dashboard.register_panel("admin", dashboard.admin_link, order=90)
        user_logged_in.connect(dashboard.remember_admin_access)
