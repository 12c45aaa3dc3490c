"""Signing out of the identity provider too (OpenID Connect RP-Initiated Logout 1.0).

Otherwise the provider's own session outlives the service's, and pressing
"Sign in with your organisation account" on a shared computer signs the
last person straight back in.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from portal.sso import provider

logger = logging.getLogger(__name__)

# Where mozilla-django-oidc keeps the ID token (OIDC_STORE_ID_TOKEN).
ID_TOKEN_SESSION_KEY = "oidc_id_token"  # noqa: S105 (a session key, not a secret)


def provider_sign_out_url(request, id_token: str) -> str | None:
    """The provider's end-session address for this session, or None if it offers none."""
    try:
        endpoint = provider.configuration().get("end_session_endpoint")
    except provider.ProviderUnavailable as failure:
        logger.warning("Signed out of the service only: %s", failure)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
