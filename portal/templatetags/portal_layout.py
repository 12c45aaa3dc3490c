from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
    ServiceNavigationSlots,
)

from portal import banners, layout
from portal.caching import placeholders
from portal.caching.store import LocalStore
from portal.navigation import navigation

register = template.Library()

# The header by the name shown and the state of the navigation (what is in
# it, which entry is current, the counts beside entries).
_headers = LocalStore(maxsize=1024)
# Fragments that are the same on every page and for everyone (the footer).
_fragments = LocalStore(maxsize=16)
# The markup of forms as they first appear, empty, by form class.
_empty_forms = LocalStore(maxsize=16)


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """GOV.UK service navigation with the service name, the sections and the
    signed-in user with a sign-out button (sign-out is a POST).

    For someone signed in it is a placeholder: the rest of the page is then
    the same for everyone."""
    request = context["request"]
    if request.user.is_authenticated:
        return placeholders.placeholder(request, "header")
    return GovUKServiceNavigation(
        serviceName=settings.SERVICE_NAME, serviceUrl="/", navigation=[]
    ).render()


@placeholders.filling("header")
def signed_in_header(request) -> str:
    user = request.user
    name = user.get_full_name() or user.username
    shown, links = navigation(request, layout.answers(request)[0])
    items = tuple(tuple(item.items()) for item in shown)
    # The sign-out form's token is masked afresh for each response, so it is
    # a placeholder of its own inside the header that is kept.
    return _headers.get_or_set(
        (name, items, links),
        lambda: _header(name, items, links, placeholders.placeholder(request, "csrf_token")),
    )


@register.simple_tag(takes_context=True)
def page_banners(context):
    """The banners for whoever is signed in: a placeholder, as the header is."""
    request = context["request"]
    if request.user.is_authenticated:
        return placeholders.placeholder(request, "banners")
    return ""


@placeholders.filling("banners")
def signed_in_banners(request) -> str:
    return banners.render(request, layout.answers(request)[1])


@placeholders.filling("csrf_token")
def csrf_token(request) -> str:
    return get_token(request)


def _header(name: str, items: tuple, links: tuple, token) -> str:
    signed_in_user = render_to_string(
        "portal/includes/signed_in_user.html",
        {"name": name, "links": links, "csrf_token": token},
    )
    return GovUKServiceNavigation(
        serviceName=settings.SERVICE_NAME,
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(**dict(item)) for item in items],
        slots=ServiceNavigationSlots(navigationEnd=signed_in_user),
    ).render()


@register.simple_tag
def render_once(template_name):
    """A fragment that is the same on every page and for everyone (the footer)."""
    return _fragments.get_or_set(template_name, lambda: render_to_string(template_name))


@register.simple_tag
def crispy_once(form):
    """``{% crispy form %}``, kept for a form that is empty: its markup is then
    the same for everyone (the sign-in form, shown on every visit)."""
    if form.is_bound or form.initial:
        return render_crispy_form(form, helper=form.helper)
    return _empty_forms.get_or_set(type(form), lambda: render_crispy_form(form, helper=form.helper))
