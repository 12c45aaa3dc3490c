"""Signing in: local accounts, and the organisation's single sign-on (OpenID Connect).

Single sign-on is on when OIDC_RP_CLIENT_ID is set. With
SSO_REQUIRED_FOR_STAFF, accounts that can administer anything must use it:
their local password no longer signs them in, on the site or in the admin.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.utils.decorators import method_decorator
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from portal import sessions

# Set on the request when a correct local password was refused for that reason,
# so that the sign-in form can say what to do instead.
SSO_REQUIRED_FLAG = "portal_sso_required"

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
    """Signs in the existing account whose e-mail address the identity provider vouches for.

    Accounts are made on first sign-in only with OIDC_CREATE_USER. It acts
    only on the callback from the identity provider, never on a password.
    """

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every sign-in, single sign-on or not;
        # mozilla-django-oidc refuses to be built without its settings.
        if sso_enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, nonce=None, code_verifier=None, **credentials):
        if not sso_enabled() or credentials:
            return None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_user(self, user_id):
        # As with a password: no single sign-on settings are needed, so
        # switching single sign-on off breaks no session.
        return signed_in_user(user_id)

    def filter_users_by_claims(self, claims):
        # An address the provider has not verified could be anyone's.
        if claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        return super().filter_users_by_claims(claims).filter(is_active=True)


class OnlyWithSingleSignOn:
    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("Single sign-on is not set up.")
        return super().dispatch(request, *args, **kwargs)


# Both are reached before anyone is signed in.
@method_decorator(login_not_required, name="dispatch")
class SignInWithOrganisation(OnlyWithSingleSignOn, OIDCAuthenticationRequestView):
    """Sends the person to the identity provider."""


@method_decorator(login_not_required, name="dispatch")
class ReturnFromOrganisation(OnlyWithSingleSignOn, OIDCAuthenticationCallbackView):
    """Where the identity provider sends the person back to."""
