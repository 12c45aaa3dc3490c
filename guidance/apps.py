from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self):
        from wagtail import hooks

        from guidance import serving, signal_handlers
        from portal import navigation

        signal_handlers.connect()
        hooks.register("on_serve_page", serving.keep_whole)
        navigation.register("Guidance", "/", order=10)
        navigation.register("Search", "guidance:search", order=20)
