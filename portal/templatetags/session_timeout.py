"""What the session timeout warning needs to know about the request's session."""

import functools
from datetime import timedelta
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.middleware import time_left

register = template.Library()


@register.simple_tag(takes_context=True)
def session_timeout(context):
    """The seconds left now, by the server's clock: the page counts down from them.

    The browser's clock may be wrong, so it is never compared with a time from here.
    Every value is text already, as the dialog is on every signed-in page.
    """
    request = context["request"]
    left = time_left(request.session)
    return {
        "idle_seconds_left": str(left.idle),
        "absolute_seconds_left": str(left.absolute),
        "signed_out_for_good_at": _clock(timezone.localtime() + timedelta(seconds=left.absolute)),
        "idle_timeout": str(settings.SESSION_IDLE_TIMEOUT),
        "absolute_hours": str(settings.SESSION_ABSOLUTE_TIMEOUT // 3600),
        "warning_seconds": str(settings.SESSION_TIMEOUT_WARNING_SECONDS),
        "stay_signed_in_url": _url("stay_signed_in"),
        "sign_in_url": f"{_url('login')}?next={quote(request.get_full_path(), safe='/')}",
    }


def _clock(moment) -> str:
    """8:20pm, as GOV.UK writes times."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


@functools.cache
def _url(name: str) -> str:
    return reverse(name)
