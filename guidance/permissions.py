"""Who may change the guidance pages: Wagtail's page permissions, except that
publishing belongs to the sign-off workflow.

Wagtail asks for "publish" before every change a reader would see: Publish and
scheduling in the editor and on a revision, a copy with its copies published,
an alias, moving or reordering live pages, unpublishing, deleting live pages,
the bulk actions, privacy and unscheduling. This policy grants it to no one
but superusers, whatever groups hold (seeding once gave it to Policy approvers,
and Settings > Groups still offers the tick), so every one of those routes is
closed at once; approval in the workflow publishes instead (guidance.approval).
Every page of the portal is guidance (the guidance home page is the site's
root), so the rule covers the whole tree. Superusers hold every permission in
Wagtail without grants and keep direct publishing, to put an emergency right.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

PUBLISH = "publish"


class SignOffPagePermissionPolicy(PagePermissionPolicy):
    def get_all_permissions_for_user(self, user):
        return (
            super()
            .get_all_permissions_for_user(user)
            .exclude(permission__codename=self._get_permission_codename(PUBLISH))
        )

    # Asked who holds "publish", the policy must give the same answer.
    def users_with_any_permission(self, actions, include_superusers=True):
        return super().users_with_any_permission(set(actions) - {PUBLISH}, include_superusers)

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        return super().users_with_any_permission_for_instance(
            set(actions) - {PUBLISH}, instance, include_superusers
        )
