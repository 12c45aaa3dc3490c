"""Signing in: local accounts, and the organisation's single sign-on (OpenID Connect).

Single sign-on is on when OIDC_RP_CLIENT_ID is set. With
SSO_REQUIRED_FOR_STAFF, accounts that can administer anything must use it:
their local password no longer signs them in, on the site or in the admin.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from portal import sessions
from portal.sso import accounts, provider, refusals
from portal.sso.provider import ProviderUnavailable
from portal.sso.refusals import Refused

logger = logging.getLogger(__name__)

# Set on the request when a correct local password was refused for that reason,
# so that the sign-in form can say what to do instead.
SSO_REQUIRED_FLAG = "portal_sso_required"
# Set on the request when single sign-on did not sign someone in: why (portal.sso.refusals).
SSO_REFUSAL = "portal_sso_refusal"

SSO_REQUIRED_MESSAGE = (
    "Your account can administer the service, so you must sign in with your organisation account"
)


def sso_enabled():
    return bool(settings.OIDC_RP_CLIENT_ID)


def sso_required_for(user):
    if not (sso_enabled() and settings.SSO_REQUIRED_FOR_STAFF):
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def signed_in_user(user_id):
    """The user of a session, on each of its requests: a deactivated account is
    signed out. Read with the session (portal.sessions)."""
    user = sessions.user_read_with(user_id)
    if user is None:
        user = get_user_model()._default_manager.filter(pk=user_id).first()
    return user if user is not None and user.is_active else None


class LocalAccountBackend(ModelBackend):
    """Username and password, except for accounts that must use single sign-on."""

    def get_user(self, user_id):
        return signed_in_user(user_id)

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and sso_required_for(user):
            if request is not None:
                setattr(request, SSO_REQUIRED_FLAG, True)
            return None
        return user


class OrganisationAccountBackend(OIDCAuthenticationBackend):
    """Signs in the account linked to the person the identity provider vouches for.

    It acts only on the callback from the provider, never on a password. Every
    way the exchange can fail (the provider unreachable, a bad or replayed
    code, a bad signature, an expired token, a refused account) is logged,
    and its reason left on the request for the sign-in page (portal.sso).
    """

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every sign-in, passwords' too, so the
        # provider is read only when it sends someone back (authenticate).
        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None, **credentials):
        if not sso_enabled() or credentials or request is None:
            return None
        try:
            self.read_provider()
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except Refused as refusal:
            logger.warning("Single sign-on refused: %s", refusal.detail)
            setattr(request, SSO_REFUSAL, refusal.reason)
        except ProviderUnavailable as failure:
            logger.error("Single sign-on failed: %s", failure)
            setattr(request, SSO_REFUSAL, refusals.UNAVAILABLE)
        except (requests.RequestException, SuspiciousOperation, jwt.InvalidTokenError) as failure:
            logger.warning("Single sign-on failed: %s", failure)
            setattr(request, SSO_REFUSAL, refusals.FAILED)
        return None

    def read_provider(self):
        """What mozilla-django-oidc's own constructor reads from settings, with
        the endpoints from the provider's discovery document."""
        document = provider.configuration()
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def verify_token(self, token, **kwargs):
        # mozilla-django-oidc checks the signature, the expiry and the nonce;
        # the token must also be this provider's, for this service.
        payload = super().verify_token(token, **kwargs)
        if str(payload.get("iss", "")).rstrip("/") != provider.issuer():
            raise SuspiciousOperation(f"the ID token's issuer is {payload.get('iss')!r}")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"the ID token is for {audience!r}")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        # The claims must be about the person the ID token names (OpenID
        # Connect Core 1.0, 5.3.2).
        if claims.get("sub") != payload.get("sub"):
            raise Refused(refusals.FAILED, "the user info is about another subject")
        return accounts.account_for(provider.issuer(), claims)

    def get_user(self, user_id):
        # As with a password: no single sign-on settings are needed, so
        # switching single sign-on off breaks no session.
        return signed_in_user(user_id)


def not_a_password_attempt(request, credentials) -> bool:
    """django-axes' whitelist: a return from the identity provider is no
    password guess. Counted by the client's address, failures from one
    office's shared address would lock everyone there out of single sign-on,
    and a password lockout must leave single sign-on open as the way in."""
    return credentials is not None and "password" not in credentials
