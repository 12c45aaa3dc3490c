"""Guidance reaches readers only by approval in the sign-off workflow.

Policy approvers hold Wagtail's publish permission because approving the
workflow's last task publishes the page in their name. Without these hooks
the same permission would let them press Publish on a change of their own
and skip the review that ``PolicyReviewTask`` keeps them out of. Superusers
keep Wagtail's direct publishing, for putting right an emergency.
"""

from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages

from guidance.models.pages import GuidanceBasePage

REFUSAL = (
    "Guidance is published by approving it in the sign-off workflow. "
    "Your change is saved as a draft: submit it for sign-off."
)


def _publishes_around_review(user, page_class) -> bool:
    return issubclass(page_class, GuidanceBasePage) and not user.is_superuser


@hooks.register("construct_page_action_menu")
def hide_publish(menu_items, request, context):
    # A new page is a guidance page when its parent is one.
    page = context.get("page") or context.get("parent_page")
    if page and _publishes_around_review(request.user, page.specific_class):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def refuse_publish(request, page):
    if _publishes_around_review(request.user, page.specific_class):
        messages.error(request, REFUSAL)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and any(
        _publishes_around_review(request.user, page.specific_class)
        for page in objects
        if hasattr(page, "specific_class")
    ):
        messages.error(request, REFUSAL)
        return redirect("wagtailadmin_explore_root")
    return None
