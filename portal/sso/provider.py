"""The identity provider as its discovery document describes it.

OIDC_OP_ISSUER names the provider; its endpoints are read from the issuer's
``/.well-known/openid-configuration`` when someone first uses single sign-on,
not at start-up: a provider that is down must not stop the service, whose
passwords still work. A process keeps the document for an hour.
"""

import threading
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings

KEEP_FOR_SECONDS = 3600
# What the authorization code flow cannot do without (OpenID Connect Discovery 1.0, 3).
REQUIRED = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")

_lock = threading.Lock()
_documents: dict[str, tuple[float, dict]] = {}


class ProviderUnavailable(Exception):
    """The discovery document could not be read, or does not describe the issuer."""


def issuer() -> str:
    return settings.OIDC_OP_ISSUER.rstrip("/")


def origin() -> str:
    """The issuer's scheme, host and port: where its end of session is too, as
    at the providers departments use (the site's form-action allows it)."""
    parts = urlsplit(issuer())
    return f"{parts.scheme}://{parts.netloc}"


def configuration() -> dict:
    """The provider's discovery document, read at most once an hour."""
    name = issuer()
    now = time.monotonic()
    with _lock:
        kept = _documents.get(name)
    if kept is not None and now - kept[0] < KEEP_FOR_SECONDS:
        return kept[1]
    document = _read(name)
    with _lock:
        _documents[name] = (now, document)
    return document


def _read(name: str) -> dict:
    url = name + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url} could not be read: {error}") from error
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"{url} is not a discovery document")
    # The issuer must be the one asked for, or another provider's tokens could
    # pass for this one's (OpenID Connect Discovery 1.0, 4.3).
    if str(document.get("issuer", "")).rstrip("/") != name:
        raise ProviderUnavailable(f"{url} names the issuer {document.get('issuer')!r}")
    missing = [key for key in REQUIRED if not document.get(key)]
    if missing:
        raise ProviderUnavailable(f"{url} names no {', '.join(missing)}")
    return document


def forget() -> None:
    """Read the document afresh next time (a test's provider, or a changed setting)."""
    with _lock:
        _documents.clear()
