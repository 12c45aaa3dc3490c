import secrets

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
    ServiceNavigationSlots,
)

from portal import holes, memo
from portal.csrf import masked_token
from portal.navigation import navigation_items

register = template.Library()

# Stands for the sign-out form's CSRF token while the header is rendered. The
# token is masked afresh for every request, so leaving it out lets the header
# be rendered once for each user and state of their navigation rather than on
# every request. Random, so no text a user can write matches it.
CSRF_PLACEHOLDER = secrets.token_hex(16)


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """GOV.UK service navigation with the service name, the sections and the
    signed-in user with a sign-out button (sign-out is a POST).

    For someone signed in it is a hole (portal.holes): the rest of the page
    is then the same for everyone."""
    request = context["request"]
    if request.user.is_authenticated:
        return holes.hole(request, "header")
    return GovUKServiceNavigation(
        serviceName=settings.SERVICE_NAME, serviceUrl="/", navigation=[]
    ).render()


@holes.filling("header")
def signed_in_header(request) -> str:
    user = request.user
    items = tuple(tuple(item.items()) for item in navigation_items(request))
    header = _header(user.get_full_name() or user.username, items)
    return header.replace(CSRF_PLACEHOLDER, masked_token(request))


# By user and state of their navigation: what is in it, which entry is current
# and the counts beside entries.
@memo.remembered_unless_debugging(maxsize=1024)
def _header(name: str, items: tuple) -> str:
    signed_in_user = render_to_string(
        "portal/includes/signed_in_user.html", {"name": name, "csrf_token": CSRF_PLACEHOLDER}
    )
    return GovUKServiceNavigation(
        serviceName=settings.SERVICE_NAME,
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(**dict(item)) for item in items],
        slots=ServiceNavigationSlots(navigationEnd=signed_in_user),
    ).render()


@register.simple_tag
@memo.remembered_unless_debugging()
def render_once(template_name):
    """A fragment that is the same on every page and for everyone (the footer):
    rendered once per process."""
    return render_to_string(template_name)
