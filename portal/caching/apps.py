from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "portal.caching"
    label = "caching"
    verbose_name = "Caching"

    def ready(self):
        from portal.caching import invalidation

        invalidation.connect()
