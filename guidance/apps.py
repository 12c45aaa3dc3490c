from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self):
        from guidance import published, signal_handlers
        from portal import user_cache

        signal_handlers.connect()
        user_cache.read_ahead(published.read_with_user)
