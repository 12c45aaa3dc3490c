from django.core.exceptions import PermissionDenied
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from wagtail.models import AbstractGroupApprovalTask, Revision


class SelfApprovalError(PermissionDenied):
    pass


class PolicyReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who made no part of the change.

    The change under review is every revision saved since the page was last
    published, so an approver who edits a page while reviewing it has made
    part of the change and must leave the approval to someone else.
    """

    def made_part_of_change(self, obj, user) -> bool:
        revisions = Revision.objects.for_instance(obj)
        live_revision = type(obj)._default_manager.filter(pk=obj.pk).values("live_revision_id")
        return (
            revisions.filter(user_id=user.pk)
            .filter(id__gt=Coalesce(Subquery(live_revision), 0))
            .exists()
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.made_part_of_change(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Every way of approving (the editor, the dashboard, bulk actions, code)
        # ends here, so the rule holds even where a button was not hidden.
        if action_name == "approve" and self.made_part_of_change(
            task_state.workflow_state.content_object, user
        ):
            raise SelfApprovalError("You cannot approve a change you made.")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except anyone who made part of the change"

    class Meta:
        verbose_name = "policy review task"
        verbose_name_plural = "policy review tasks"
