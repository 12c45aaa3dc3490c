"""Why a single sign-on did not sign someone in, and what the sign-in page tells them.

The callback sends the person to the sign-in page with the reason in the
address (``?sso=unknown``); the page shows the words for a reason it knows
and the general failure for any other, so the address can say nothing the
service did not mean.
"""

from dataclasses import dataclass

FAILED = "failed"
UNAVAILABLE = "unavailable"
UNVERIFIED = "unverified"
UNKNOWN = "unknown"
CONFLICT = "conflict"

# The heading, then what to do.
MESSAGES = {
    FAILED: (
        "We could not sign you in with your organisation account.",
        "Try again. If it still does not work, ask your IT service desk for help.",
    ),
    UNAVAILABLE: (
        "Signing in with your organisation account is not working at the moment.",
        "Try again later. If it still does not work, tell your IT service desk.",
    ),
    UNVERIFIED: (
        "Your organisation account has no confirmed work email address.",
        "Ask your IT service desk to confirm your email address, then try again.",
    ),
    UNKNOWN: (
        "There is no account on this service for your organisation account.",
        "Ask your line manager or the service's administrators to give you an account "
        "with your work email address, then try again.",
    ),
    CONFLICT: (
        "We could not sign you in because your work email address is linked to someone "
        "else's organisation account.",
        "This can happen when an email address is given to a new person. Ask the "
        "service's administrators to check your account.",
    ),
}


@dataclass
class Refused(Exception):
    """A sign-in the service refuses: ``reason`` for the person, ``detail`` for the log."""

    reason: str
    detail: str


def message(reason: str | None) -> tuple[str, str] | None:
    if reason is None:
        return None
    return MESSAGES.get(reason, MESSAGES[FAILED])
