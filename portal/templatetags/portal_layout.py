import functools
import secrets

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
    ServiceNavigationSlots,
)

from portal.navigation import navigation_items

register = template.Library()

# Stands for the sign-out form's CSRF token while the header is rendered. The
# token is masked afresh for every request, so leaving it out lets the header
# be rendered once for each user and state of their navigation rather than on
# every request (portal.govuk_components keeps the markup). Random, so no text
# a user can write matches it.
CSRF_PLACEHOLDER = secrets.token_hex(16)


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """GOV.UK service navigation with the service name, the sections and the
    signed-in user with a sign-out button (sign-out is a POST)."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return GovUKServiceNavigation(
            serviceName=context["service_name"], serviceUrl="/", navigation=[]
        ).render()
    header = GovUKServiceNavigation(
        serviceName=context["service_name"],
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(**item) for item in navigation_items(request)],
        slots=ServiceNavigationSlots(
            navigationEnd=_signed_in_user(user.get_full_name() or user.username)
        ),
    ).render()
    return mark_safe(header.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308


@functools.lru_cache(maxsize=1024)
def _signed_in_user(name: str) -> str:
    return render_to_string(
        "portal/includes/signed_in_user.html", {"name": name, "csrf_token": CSRF_PLACEHOLDER}
    )


@register.simple_tag
def render_once(template_name):
    """A fragment that is the same on every page and for everyone (the footer):
    rendered once per process, or every time while DEBUG, so edits show."""
    if settings.DEBUG:
        return render_to_string(template_name)
    return _rendered_once(template_name)


@functools.cache
def _rendered_once(template_name):
    return render_to_string(template_name)
