"""Going to the identity provider and coming back from it."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from portal.auth import SSO_REFUSAL, sso_enabled
from portal.sso import provider, refusals, sign_out

logger = logging.getLogger(__name__)


def sign_in_page(reason: str) -> str:
    return f"{reverse('login')}?{urlencode({'sso': reason})}"


def start_url(next_url: str = "") -> str:
    """Off to the identity provider, and back to ``next_url`` afterwards."""
    url = reverse("oidc_authentication_init")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class OnlyWithSingleSignOn:
    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("Single sign-on is not set up.")
        return super().dispatch(request, *args, **kwargs)


# Both are reached before anyone is signed in.
@method_decorator(login_not_required, name="dispatch")
class SignInWithOrganisation(OnlyWithSingleSignOn, OIDCAuthenticationRequestView):
    """Sends the person to the identity provider."""

    @staticmethod
    def get_settings(attr, *args):
        # The endpoint comes from the provider's discovery document, in get().
        if attr == "OIDC_OP_AUTHORIZATION_ENDPOINT":
            return None
        return OIDCAuthenticationRequestView.get_settings(attr, *args)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.configuration()["authorization_endpoint"]
        except provider.ProviderUnavailable as failure:
            logger.error("Single sign-on unavailable: %s", failure)
            return HttpResponseRedirect(sign_in_page(refusals.UNAVAILABLE))
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class ReturnFromOrganisation(OnlyWithSingleSignOn, OIDCAuthenticationCallbackView):
    """Where the identity provider sends the person back to."""

    @property
    def failure_url(self):
        return sign_in_page(getattr(self.request, SSO_REFUSAL, refusals.FAILED))

    def get(self, request):
        if request.GET.get("error"):
            logger.warning(
                "Single sign-on: the provider answered %s (%s)",
                request.GET["error"],
                request.GET.get("error_description", ""),
            )
        try:
            return super().get(request)
        except SuspiciousOperation as failure:
            # A state this browser never asked for: a return replayed, or one
            # from another browser.
            logger.warning("Single sign-on failed: %s", failure)
            return self.login_failure()


@login_not_required
@require_POST
def leave_provider(request):
    """ "Sign out of your organisation account", offered beside a refusal: the
    provider signed the person in although the service did not, and on a
    shared computer the next person pressing the button would be them."""
    id_token = request.session.pop(sign_out.ID_TOKEN_SESSION_KEY, None)
    url = sign_out.provider_sign_out_url(request, id_token) if id_token else None
    return HttpResponseRedirect(url or reverse("login"))
