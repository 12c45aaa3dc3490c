from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_migrate, post_save


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = "Approvals"

    def ready(self):
        from approvals import authority_groups, schedules, waiting
        from portal import user_cache

        user_cache.read_ahead(waiting.read_with_user)
        post_migrate.connect(schedules.load_after_migrate, sender=self)
        post_migrate.connect(waiting.start_new_generation, sender=self)
        post_save.connect(waiting.audit_written, sender="approvals.AuditEvent")
        post_save.connect(authority_groups.department_saved, sender="approvals.Department")
        # Changes that route posts elsewhere without an audit event: a new line
        # manager (admin, staff import) or a group joined in Wagtail's user admin.
        post_save.connect(waiting.routing_changed, sender="approvals.StaffProfile")
        m2m_changed.connect(
            waiting.routing_changed,
            sender=self.apps.get_model(settings.AUTH_USER_MODEL).groups.through,
        )
