from django import template
from django.utils.html import format_html

from approvals.posts.preview import preview

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
    """How ``item`` (a post or one of its versions) will look on its channel."""
    return {
        "shown": preview(
            text=item.text, channel=item.channel, account=item.account, link=item.link
        ),
        "item": item,
    }
