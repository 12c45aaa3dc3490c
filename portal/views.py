from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.auth import sso_enabled
from portal.forms import SignInForm
from portal.middleware import SIGNED_OUT_BECAUSE


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness for the load balancer; touches neither database nor cache."""
    return HttpResponse("ok", content_type="text/plain")


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso_enabled():
            context["sso_url"] = reverse("oidc_authentication_init")
            next_url = context.get(self.redirect_field_name)
            if next_url:
                context["sso_url"] += "?" + urlencode({self.redirect_field_name: next_url})
        context["sso_failed"] = self.request.GET.get("sso") == "failed"
        context["signed_out_because"] = self.request.session.pop(SIGNED_OUT_BECAUSE, None)
        context["idle_minutes"] = settings.SESSION_IDLE_TIMEOUT // 60
        context["absolute_hours"] = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
        return context


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(
        request,
        "portal/accessibility_statement.html",
        {
            "contact_email": settings.SERVICE_CONTACT_EMAIL,
            "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
        },
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' response to a sign-in from a locked-out username and address."""
    return render(
        request,
        "portal/locked_out.html",
        {
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "sso_enabled": sso_enabled(),
        },
        status=429,
    )
