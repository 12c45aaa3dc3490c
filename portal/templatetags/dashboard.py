from django import template

from portal import dashboard as dashboards
from portal.caching import placeholders

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard(context):
    """What needs the signed-in person now: a placeholder, so that the page
    around it is the same for everyone and can be kept."""
    return placeholders.placeholder(context["request"], "dashboard")


@placeholders.filling("dashboard")
def dashboard_filling(request) -> str:
    return dashboards.render(request)
