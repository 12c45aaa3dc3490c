from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = "Approvals"

    def ready(self):
        from approvals import schedules, waiting

        post_migrate.connect(schedules.load_after_migrate, sender=self)
        post_migrate.connect(waiting.start_new_generation, sender=self)
        post_save.connect(waiting.audit_written, sender="approvals.AuditEvent")
