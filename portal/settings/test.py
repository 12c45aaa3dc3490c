"""The test suite: always PostgreSQL and Redis, as production uses."""

import os

from .base import *  # noqa: F403
from .base import REDIS_BROKER_TRANSPORT_OPTIONS, SECRET_KEY, deployment_prefix, env, redis_cache

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/portal")}
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_portal")}

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/1")
CACHES = {
    "default": redis_cache(
        REDIS_URL, deployment_prefix("portal-test", SECRET_KEY, DATABASES["default"]["TEST"])
    )
}
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come from the finders here (runserver, live_server); WhiteNoise
# serves the collected, hashed files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# Images uploaded in tests (the demo's among them) go apart from `make run`'s.
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
