"""The CSRF token for a form, masked as Django masks it, with the mask drawn
in one read of the system's randomness.

Django masks the secret afresh for every token it gives, so that no two
responses carry the same token (the defence against BREACH). It draws each of
the mask's 32 characters with its own ``secrets.choice``, which asks the
kernel for randomness 32 times: about 70 µs, a tenth of a cached signed-in
page, and the header's sign-out form needs a token on every page. Here the
mask is drawn from one ``secrets.token_bytes`` read, each character as likely
as another, and the token has Django's form, so Django's middleware checks it
as its own.

Unlike ``get_token`` it does not have the cookie sent again to renew it. The
cookie was set when the person signed in (``auth.login`` makes a new secret),
or, where no secret came with the request, by ``get_token`` below; it lasts
CSRF_COOKIE_AGE, a year, and no session outlives SESSION_ABSOLUTE_TIMEOUT, so
renewing it on every page renews nothing.
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_BASE = len(CSRF_ALLOWED_CHARS)
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
# Bytes at or above the largest multiple of the alphabet's size are dropped,
# so that every character of the mask is equally likely.
_LIMIT = 256 - 256 % _BASE


def masked_token(request) -> str:
    """A token as ``django.middleware.csrf.get_token`` gives, for a form on a
    signed-in page."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None or len(secret) != CSRF_SECRET_LENGTH:
        # No secret yet: Django makes one and sets its cookie.
        return get_token(request)
    mask = _mask()
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[char] + offset) % _BASE]
        for char, offset in zip(secret, mask, strict=True)
    )
    return "".join(CSRF_ALLOWED_CHARS[offset] for offset in mask) + cipher


def _mask() -> list[int]:
    offsets = []
    while len(offsets) < CSRF_SECRET_LENGTH:
        # 40 bytes leave 32 after the drops more than 99.9% of the time.
        offsets += [byte % _BASE for byte in secrets.token_bytes(40) if byte < _LIMIT]
    return offsets[:CSRF_SECRET_LENGTH]
