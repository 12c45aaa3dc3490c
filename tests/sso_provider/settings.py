"""The identity provider's settings. The harness starts it with:

SSO_PROVIDER_DIR    a directory of its own, for its SQLite database
SSO_PROVIDER_URL    where it is served, e.g. http://127.0.0.1:PORT
SSO_PROVIDER_TOKEN  the secret the harness sends to set up clients and people
"""

import os
import secrets
from pathlib import Path

STATE = Path(os.environ["SSO_PROVIDER_DIR"])
HARNESS_TOKEN = os.environ["SSO_PROVIDER_TOKEN"]
# The issuer is read from here, not from each request's Host header, so that
# it is the same in the discovery document and in every id_token.
SITE_URL = os.environ["SSO_PROVIDER_URL"]

SECRET_KEY = secrets.token_urlsafe(32)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.sso_provider.urls"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": STATE / "provider.sqlite3"}
}
# Test people only: fast hashing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGOUT_REDIRECT_URL = "login"
OIDC_USERINFO = "tests.sso_provider.people.userinfo"

# Why a token was refused is logged by oidc_provider at DEBUG only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"oidc_provider": {"handlers": ["console"], "level": "DEBUG"}},
}
