"""What the session timeout warning needs to know about the request's session."""

from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone

from portal.middleware import time_left

register = template.Library()


@register.simple_tag(takes_context=True)
def session_timeout(context):
    """The seconds left now, by the server's clock: the page counts down from them.

    The browser's clock may be wrong, so it is never compared with a time from here.
    """
    left = time_left(context["request"].session)
    return {
        "idle_seconds_left": left.idle,
        "absolute_seconds_left": left.absolute,
        "signed_out_for_good_at": timezone.localtime() + timedelta(seconds=left.absolute),
        "idle_timeout": settings.SESSION_IDLE_TIMEOUT,
        "absolute_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
        "warning_seconds": settings.SESSION_TIMEOUT_WARNING_SECONDS,
    }
