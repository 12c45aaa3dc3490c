"""What the session timeout warning needs to know about the request's session."""

from datetime import timedelta
from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils import timezone

from portal.caching import placeholders
from portal.middleware import time_left
from portal.navigation import href

register = template.Library()


@register.simple_tag(takes_context=True)
def session_timeout(context):
    """The seconds left now, by the server's clock: the page counts down from them.

    The browser's clock may be wrong, so it is never compared with a time from here.
    Every value is text already, as the dialog is on every signed-in page. What
    changes from one request to the next is a placeholder (portal.caching.placeholders).
    """
    request = context["request"]
    return {
        "idle_seconds_left": placeholders.placeholder(request, "idle_seconds_left"),
        "absolute_seconds_left": placeholders.placeholder(request, "absolute_seconds_left"),
        "signed_out_for_good_at": placeholders.placeholder(request, "signed_out_for_good_at"),
        "idle_timeout": str(settings.SESSION_IDLE_TIMEOUT),
        "absolute_hours": str(settings.SESSION_ABSOLUTE_TIMEOUT // 3600),
        "warning_seconds": str(settings.SESSION_TIMEOUT_WARNING_SECONDS),
        "stay_signed_in_url": href("stay_signed_in"),
        "sign_in_url": placeholders.placeholder(request, "sign_in_url"),
    }


def _left(request):
    """What is left of the session, worked out once for all of the request's placeholders."""
    if "_session_time_left" not in request.__dict__:
        request._session_time_left = time_left(request.session)
    return request._session_time_left


@placeholders.text_filling("idle_seconds_left")
def idle_seconds_left(request) -> str:
    return str(_left(request).idle)


@placeholders.text_filling("absolute_seconds_left")
def absolute_seconds_left(request) -> str:
    return str(_left(request).absolute)


@placeholders.text_filling("signed_out_for_good_at")
def signed_out_for_good_at(request) -> str:
    return _clock(timezone.localtime() + timedelta(seconds=_left(request).absolute))


@placeholders.text_filling("sign_in_url")
def sign_in_url(request) -> str:
    return f"{href('login')}?next={quote(request.get_full_path(), safe='/')}"


def _clock(moment) -> str:
    """8:20pm, as GOV.UK writes times."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"
