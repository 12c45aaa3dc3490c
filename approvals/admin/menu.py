"""The Sign-off section's menu items: shown only to those with something to do there."""

from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from approvals.authority import holdings
from approvals.records import permissions as records


class ManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(holdings.managed_departments(request.user))


class SignOffMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        user = request.user
        administers = user.is_superuser or bool(holdings.managed_departments(user))
        return administers and super().is_shown(request)


class RecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return records.keeps_records(request.user)
