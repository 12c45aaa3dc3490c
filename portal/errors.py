"""The pages people see when something goes wrong, in the service's layout."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form refused for its missing or stale token, most often a page left
    open past the session: say so in the service's words and lead back to the
    form, whose address is the one it was sent to."""
    return render(request, "403_csrf.html", {"form_page": request.get_full_path()}, status=403)


def server_error(request):
    """Rendered when the service itself has failed, so it reads no database,
    cache or session: only the service's name from the settings."""
    return HttpResponseServerError(
        render_to_string("500.html", {"service_name": settings.SERVICE_NAME})
    )
