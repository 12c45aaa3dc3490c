from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.views.account import LogoutView as WagtailSignOutView

from portal import caching
from portal.auth import sso_enabled
from portal.forms import SignInForm
from portal.middleware import SIGNED_OUT_BECAUSE, record_activity
from portal.sso import refusals, sign_out
from portal.sso import views as sso_views


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness for the load balancer; touches neither database nor cache."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@never_cache
@require_GET
def readyz(request):
    """Readiness for the load balancer: whether this process can reach
    PostgreSQL and Redis now.

    Answers 503 only without the database, which no page can do without. A
    cache that cannot be reached makes pages slower, not wrong (the portal
    fails open), and every web process shares the same Redis: taking them
    all out of service for it would turn a slow site into no site. The body
    says which is down, for monitoring to alert on."""
    database = _database_answers()
    states = {"database": database, "cache": caching.reachable()}
    body = "".join(f"{name} {'ok' if up else 'unavailable'}\n" for name, up in states.items())
    return HttpResponse(body, status=200 if database else 503, content_type="text/plain")


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso_enabled():
            context["sso_url"] = sso_views.start_url(context.get(self.redirect_field_name, ""))
        context["sso_refusal"] = refusals.message(self.request.GET.get("sso"))
        # Refused, but signed in at the provider: offer to sign out there too.
        context["signed_in_at_provider"] = bool(
            context["sso_refusal"]
            and not self.request.user.is_authenticated
            and self.request.session.get(sign_out.ID_TOKEN_SESSION_KEY)
        )
        context["contact_email"] = settings.SERVICE_CONTACT_EMAIL
        context["signed_out_because"] = self.request.session.pop(SIGNED_OUT_BECAUSE, None)
        context["idle_minutes"] = settings.SESSION_IDLE_TIMEOUT // 60
        context["absolute_hours"] = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
        return context


class SignOutView(auth_views.LogoutView):
    """Sign-out, then the sign-in page saying so: on a shared computer, the
    next person sees that the last one did sign out."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(sign_out.ID_TOKEN_SESSION_KEY) if sso_enabled() else None
        response = super().post(request, *args, **kwargs)
        messages.success(
            request,
            "You have signed out. If you are on a shared computer, close the browser too.",
        )
        # Signed in with the organisation account: out of the provider too,
        # which sends the person back to the sign-in page.
        provider_url = sign_out.provider_sign_out_url(request, id_token) if id_token else None
        return HttpResponseRedirect(provider_url) if provider_url else response


def admin_sign_out(request, *args, **kwargs):
    """The admin's "Log out": Wagtail's own, unless the person signed in with
    their organisation account. Then, as on the site, out of the provider
    too, or the admin sign-in page's button would let the next person at the
    computer straight back into the admin."""
    if sso_enabled() and request.session.get(sign_out.ID_TOKEN_SESSION_KEY):
        return SignOutView.as_view()(request, *args, **kwargs)
    return WagtailSignOutView.as_view()(request, *args, **kwargs)


# Not behind LoginRequiredMiddleware, whose redirect fetch() would follow to a
# sign-in page that answers 200: a signed-out browser is told so plainly.
@login_not_required
@require_POST
def stay_signed_in(request):
    """Restart the idle clock: "Stay signed in", in the warning before a session ends.

    Answers 204, or 403 to someone signed out, as they are if their session ran
    out before they chose (SessionLifetimeMiddleware ends it on this request);
    the page then goes to the sign-in page, which says why.
    """
    if not request.user.is_authenticated:
        return HttpResponseForbidden("You are signed out.", content_type="text/plain")
    record_activity(request.session)
    return HttpResponse(status=204)


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(
        request,
        "portal/accessibility_statement.html",
        {
            "contact_email": settings.SERVICE_CONTACT_EMAIL,
            "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
            "absolute_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
            "warning": minutes_and_seconds(settings.SESSION_TIMEOUT_WARNING_SECONDS),
        },
    )


def minutes_and_seconds(seconds):
    """'2 minutes', '1 minute 30 seconds': as the warning's countdown words them."""
    minutes, seconds = divmod(seconds, 60)
    amounts = [(minutes, "minute"), (seconds, "second")]
    return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in amounts if n)


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
