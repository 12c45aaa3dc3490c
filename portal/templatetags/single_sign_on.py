from django import template

from portal.auth import sso_enabled
from portal.sso.views import start_url

register = template.Library()


@register.simple_tag
def organisation_sign_in_url(next_url=""):
    """Where "Sign in with your organisation account" goes, or "" without single sign-on."""
    return start_url(next_url) if sso_enabled() else ""
