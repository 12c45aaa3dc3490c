"""A calendar day's entries, written in Python: a busy month holds thousands,
and each through the template engine costs the page most of its time."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

TAG_COLOURS = {"submitted": "blue", "approved": "green", "published": "turquoise"}
# Reversed once per day rather than once per post; the post's number goes in its place.
_MARK = 987654321


def _post_path():
    before, after = reverse("approvals:post", args=[_MARK]).split(str(_MARK))
    return lambda pk: f"{before}{pk}{after}"


@register.simple_tag
def day_entries(entries, *, departments: bool) -> SafeString:
    """The entries as a list: each links to its post, with its time, channel,
    account and status, its department when the calendar shows several, and
    its shortened text when it has one."""
    if not entries:
        return SafeString()
    path = _post_path()
    items = format_html_join(
        "\n",
        '<li class="portal-calendar__entry"><a class="govuk-link" href="{}">'
        '<span class="portal-calendar__time">{}</span> {} {}</a> '
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>{}{}</li>',
        (
            (
                path(entry.pk),
                f"{entry.at:%H:%M}",
                entry.channel_label,
                entry.account,
                TAG_COLOURS.get(entry.status, "grey"),
                entry.status_label,
                format_html(
                    ' <span class="portal-calendar__department">{}</span>', entry.department
                )
                if departments
                else "",
                format_html(' <span class="portal-calendar__text">{}</span>', entry.text)
                if entry.text
                else "",
            )
            for entry in entries
        ),
    )
    return format_html('<ul class="govuk-list portal-calendar__entries">{}</ul>', items)
