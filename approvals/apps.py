from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, post_save


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = "Approvals"

    def ready(self):
        from approvals.advice import dashboard as advice_dashboard
        from approvals.authority import groups as authority_groups
        from approvals.notices import counting as notices
        from approvals.periods import banner as period_banner
        from approvals.posts import dashboard as posts_dashboard
        from approvals.posts import waiting
        from approvals.records import kept as records
        from approvals.reminders import schedules
        from approvals.reports import sqlite as reports_sqlite
        from portal import banners, dashboard, navigation

        post_migrate.connect(schedules.load_after_migrate, sender=self)
        connection_created.connect(reports_sqlite.add_percentile)
        post_save.connect(authority_groups.department_saved, sender="approvals.Department")
        navigation.register("Your posts", "approvals:posts", order=30)
        navigation.register(
            "Sign-off",
            "approvals:queue",
            order=40,
            count=waiting.counted_for,
            shown=waiting.offered,
        )
        navigation.register("Calendar", "approvals:calendar", order=50)
        navigation.register("Periods", "approvals:periods", order=45)
        navigation.register_personal("What's new", "approvals:notices", count=notices.counted_for)
        navigation.register("Records", "approvals:register", order=55, shown=records.offered)
        banners.register("sensitive-periods", period_banner.banner, needs=period_banner.needs)
        dashboard.register_tasks("approvals", posts_dashboard.tasks)
        dashboard.register_panel("your-posts", posts_dashboard.your_posts, order=10)
        dashboard.register_tasks("advice", advice_dashboard.tasks)
