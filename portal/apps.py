from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import govuk_components, user_cache

        govuk_components.install()
        post_save.connect(user_cache.user_changed, sender=settings.AUTH_USER_MODEL)
        post_delete.connect(user_cache.user_changed, sender=settings.AUTH_USER_MODEL)
        post_migrate.connect(user_cache.everyone_changed, sender=self)
