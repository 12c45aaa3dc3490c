from django import template
from django.utils.html import format_html

from approvals.advice import permissions as advice_permissions
from approvals.models import AdviceRequest
from approvals.posts.channels import Channel
from approvals.posts.threads import preview_thread

register = template.Library()

STATUS_COLOURS = {
    "draft": "govuk-tag--grey",
    "submitted": "govuk-tag--blue",
    "changes_requested": "govuk-tag--orange",
    "approved": "govuk-tag--green",
    "published": "govuk-tag--turquoise",
    "rejected": "govuk-tag--red",
    "withdrawn": "govuk-tag--grey",
    "expired": "govuk-tag--grey",
    "held": "govuk-tag--purple",
}


@register.simple_tag
def status_tag(post):
    """A post's status as a GOV.UK tag, colour-coded but always worded."""
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        STATUS_COLOURS.get(post.status, ""),
        post.get_status_display(),
    )


@register.inclusion_tag("approvals/includes/preview.html")
def channel_preview(item):
    """How ``item`` (a post or one of its versions) will look on its channel, each part
    of a thread in order."""
    return {"channel": Channel(item.channel), "parts": preview_thread(item), "item": item}


@register.inclusion_tag("approvals/advice/includes/behind.html", takes_context=True)
def advice_behind(context, post):
    """The advice request a post was made from, for those who may read it: the
    author, the manager asked and whoever covers them. Others see nothing of it."""
    found = (
        AdviceRequest.objects.select_related("answered_by")
        .filter(post_id=post.pk)
        .only("pk", "author_id", "manager_id", "answered_by")
        .first()
    )
    user = context["request"].user
    return {"found": found if found and advice_permissions.may_view(user, found) else None}
