from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
    ServiceNavigationSlots,
)

from portal.navigation import navigation_items

register = template.Library()


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """GOV.UK service navigation with the service name, the sections and the
    signed-in user with a sign-out button (sign-out is a POST)."""
    request = context["request"]
    user = request.user
    slots = None
    if user.is_authenticated:
        slots = ServiceNavigationSlots(
            navigationEnd=render_to_string(
                "portal/includes/signed_in_user.html",
                {"user": user, "csrf_token": get_token(request)},
            )
        )
    component = GovUKServiceNavigation(
        serviceName=context["service_name"],
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(**item) for item in navigation_items(request)]
        if user.is_authenticated
        else [],
        slots=slots,
    )
    return component.render()
