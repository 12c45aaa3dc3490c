"""Security middleware: the content security policy, signing in, session
lifetimes and caching."""

import time
from typing import NamedTuple

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import logout
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)

from portal import sessions
from portal.auth import sso_enabled
from portal.sso import provider

# Session keys, in seconds since the epoch.
SIGNED_IN_AT = "portal_signed_in_at"
LAST_SEEN_AT = "portal_last_seen_at"
# Put in the fresh session after an expiry, for the sign-in page to explain.
SIGNED_OUT_BECAUSE = "portal_signed_out_because"

# How stale the last-seen time may get before a request writes it again. Every
# write is a database write, so a reader clicking about writes once a minute at
# most; the idle limit is kept to within this margin.
LAST_SEEN_RESOLUTION = 60


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy under its prefixes.

    The admin's pages carry inline scripts and style attributes and frame
    their previews; the site's pages need none of that, so they keep the
    strict policy. With single sign-on, forms on either may also lead to the
    identity provider: signing out is a form whose answer sends the browser
    on to the provider's end of session (portal.sso.sign_out), and browsers
    hold every redirect of a form's submission to form-action.
    """

    def process_response(self, request, response):
        if is_admin(request):
            # Wagtail renders a preview by passing a request for the page
            # through the middleware, which gives it the site's policy; in the
            # admin's preview panel it needs the admin's, which lets it be framed.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if sso_enabled():
            update = dict(parts.update or {})
            update["form-action"] = [*_values(update.get("form-action")), provider.origin()]
            parts.update = update
        return parts


def _values(directive) -> list:
    """A directive's sources as django-csp takes them: none, one, or several."""
    if directive is None:
        return []
    return list(directive) if isinstance(directive, (list, tuple, set)) else [directive]


def is_admin(request):
    prefixes = tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"])
    return request.path_info.startswith(prefixes)


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, taking the user that was read with the session
    (portal.sessions) rather than reading it again."""

    def process_request(self, request):
        super().process_request(request)
        # Found now rather than behind Django's lazy object: every request
        # asks who is signed in (SessionLifetimeMiddleware, next).
        with sessions.reading(request.session):
            request.user = auth.get_user(request)


class SessionLifetimeMiddleware:
    """Sign people out after a spell without activity, and some hours after they signed in.

    Runs after authentication and before LoginRequiredMiddleware, so the
    request that finds a session expired goes to the sign-in page. Signing out
    flushes the session, which deletes it on the server.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = int(time.time())
        if SIGNED_IN_AT not in session or LAST_SEEN_AT not in session:
            # The first request after signing in, by whatever route.
            session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            return
        left = time_left(session, now)
        if not left.absolute:
            reason = "absolute"
        elif not left.idle:
            reason = "idle"
        else:
            if now - session[LAST_SEEN_AT] >= LAST_SEEN_RESOLUTION and is_activity(request):
                record_activity(session, now)
            return
        logout(request)
        request.session[SIGNED_OUT_BECAUSE] = reason


class TimeLeft(NamedTuple):
    """Seconds until a session ends: for want of activity, and for good."""

    idle: int
    absolute: int


def time_left(session, now=None):
    """What is left of a signed-in session, by the rules the middleware applies.

    From the last-seen time the session holds, which a request only moves on
    when it is LAST_SEEN_RESOLUTION stale: a page is not always a fresh start.
    """
    now = int(time.time()) if now is None else now
    idle = settings.SESSION_IDLE_TIMEOUT - (now - session.get(LAST_SEEN_AT, now))
    absolute = settings.SESSION_ABSOLUTE_TIMEOUT - (now - session.get(SIGNED_IN_AT, now))
    return TimeLeft(idle=max(idle, 0), absolute=max(absolute, 0))


def record_activity(session, now=None):
    """Start the idle clock again."""
    session[LAST_SEEN_AT] = int(time.time()) if now is None else now


def is_activity(request):
    # The admin's editor pings the server while a page is open for editing;
    # that is the browser, not the person, and must not keep a session alive.
    return "/editing-sessions/" not in request.path_info


class NoStoreForSignedInMiddleware:
    """Keep signed-in pages out of browser and proxy caches.

    After signing out on a shared computer, the back button must not bring
    back what the last person saw. A view that chose its own caching keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
