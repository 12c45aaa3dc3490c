"""Settings shared by every environment.

Everything that differs between machines comes from environment variables,
read with django-environ so that a malformed value fails at start-up.
"""

from datetime import timedelta
from pathlib import Path

import csp.constants
import environ
from django.core.exceptions import ImproperlyConfigured

from portal.caching.backend import deployment_prefix, file_cache, redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default="dev-only-secret-key-never-used-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

SERVICE_NAME = "Participating online"
# Where people report problems, accessibility ones included (the accessibility
# statement gives it).
SERVICE_CONTACT_EMAIL = env("SERVICE_CONTACT_EMAIL", default="participating-online@portal.invalid")
WAGTAIL_SITE_NAME = SERVICE_NAME
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "portal",
    "portal.caching",
    "guidance",
    "approvals",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, its user admin unable to grant authority.
    "approvals.admin.users_app.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "guardian",
    "django_celery_beat",
    "govuk_frontend_django",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "csp",
    "mozilla_django_oidc",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.middleware.AuthenticationMiddleware",
    "portal.middleware.SessionLifetimeMiddleware",
    "portal.middleware.NoStoreForSignedInMiddleware",
    # Inside the session and authentication middleware, whose request its
    # fillings read.
    "portal.caching.placeholders.PlaceholdersMiddleware",
    "portal.caching.generations.RepairMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.service",
            ],
        },
    },
]
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the embedded database: WAL lets readers go on
    # while one of them writes, and IMMEDIATE takes the write lock up front so
    # concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
# One cache layer (portal.caching): Redis, failing open, every key naming
# this deployment; without Redis (`make run`), files under var/ that the web
# process, the worker and beat share.
if REDIS_URL:
    CACHES = {
        "default": redis_cache(
            REDIS_URL, deployment_prefix("portal", SECRET_KEY, DATABASES["default"])
        )
    }
else:
    CACHES = {"default": file_cache(str(VAR_DIR / "cache"))}
# Seconds for which a process stops asking a cache that has just failed.
CACHE_BREAKER_SECONDS = 5
# django-redis logs each failure it ignores; the breaker logs the first.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# Sessions are in the database, each read with its user in one query
# (portal.sessions): nothing about who is signed in depends on the cache.
SESSION_ENGINE = "portal.sessions"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in, by any route, while its username and address
    # are locked out. The standalone one, since ours below already grant
    # Django's permissions.
    "axes.backends.AxesStandaloneBackend",
    "portal.auth.LocalAccountBackend",
    "portal.auth.OrganisationAccountBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# Guardian's anonymous user would be one more account to keep out of every
# list of staff; nothing here is granted to anonymous visitors.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
# A refused form is explained in the service's layout, with the way back to it.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
WAGTAILADMIN_USER_LOGIN_FORM = "portal.forms.AdminSignInForm"
# Gravatar would send a hash of every editor's e-mail address to a third party,
# and the content security policy blocks its images anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Sessions end after SESSION_IDLE_MINUTES without a request, and at the latest
# SESSION_MAX_HOURS after signing in (portal.middleware.SessionLifetimeMiddleware),
# and when the browser closes.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_MAX_HOURS", default=10) * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Signed-in pages warn this long before either limit, offering to restart the
# idle clock (templates/portal/includes/session_timeout.html). WCAG 2.2.1 asks
# for at least 20 seconds; as long as the idle limit, it would never go away.
SESSION_TIMEOUT_WARNING_SECONDS = env.int("SESSION_TIMEOUT_WARNING_SECONDS", default=120)
if not 20 <= SESSION_TIMEOUT_WARNING_SECONDS < SESSION_IDLE_TIMEOUT:
    raise ImproperlyConfigured(
        "SESSION_TIMEOUT_WARNING_SECONDS must be at least 20 and less than the idle limit."
    )

# Brute force (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one
# username from one address, on the site or the admin, that pair is refused
# until AXES_COOLOFF_MINUTES have passed; a successful sign-in starts the count
# again.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.views.locked_out"
# Returns from the identity provider are neither counted nor refused.
AXES_WHITELIST_CALLABLE = "portal.auth.not_a_password_attempt"


def client_address_settings(trusted_proxy_count):
    """How django-axes finds the address a sign-in came from.

    trusted_proxy_count is the number of proxies in front of the web
    processes, 0 when browsers reach them directly. Each proxy appends the
    address it heard from to X-Forwarded-For, so the client's is that many
    entries from the end; whatever a client wrote before it is ignored.
    """
    if not trusted_proxy_count:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"]}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        # django-ipware counts the proxies listed in the header, not the last.
        "AXES_IPWARE_PROXY_COUNT": trusted_proxy_count - 1,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        # Strict would fall back to the proxy's own address when a client adds
        # entries of its own, putting everyone behind the proxy under one count.
        "IPWARE_STRICT": False,
    }


TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
vars().update(client_address_settings(TRUSTED_PROXY_COUNT))

# Single sign-on through the organisation's identity provider (OpenID Connect,
# mozilla-django-oidc and portal.sso), offered on the sign-in page when
# OIDC_RP_CLIENT_ID is set. OIDC_OP_ISSUER names the provider: its endpoints
# and keys are read from its discovery document. An account is linked to the
# provider's subject at its first sign-in, found by its e-mail address, and by
# the subject from then on; accounts are made on first sign-in only with
# OIDC_CREATE_USER. With SSO_REQUIRED_FOR_STAFF, anyone who can use the admin
# must sign in this way (portal.auth).
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
# With single sign-on on, the rest are required: a missing one stops the
# service starting, rather than failing every sign-in, passwords' too.
_oidc_default = {} if OIDC_RP_CLIENT_ID else {"default": ""}
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", **_oidc_default)
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", **_oidc_default)
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
# Names as well as the address, so that the service can say who people are.
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USER", default=False)
# Only an address the provider asserts is verified signs anyone in. A provider
# that never sends email_verified, and verifies every address it holds, can
# be trusted without it.
OIDC_EMAIL_VERIFIED_CLAIM_OPTIONAL = env.bool("OIDC_EMAIL_VERIFIED_CLAIM_OPTIONAL", default=False)
OIDC_USE_PKCE = True
# Kept in the session for signing out of the provider too (portal.sso.sign_out).
OIDC_STORE_ID_TOKEN = True
# Seconds to wait for the identity provider before the sign-in fails.
OIDC_TIMEOUT = 10
SSO_REQUIRED_FOR_STAFF = env.bool("SSO_REQUIRED_FOR_STAFF", default=False)

# Content-Security-Policy (django-csp, portal.middleware), in every environment
# so that the tests see it. No inline script without the request's nonce
# ({{ request.csp_nonce }}); the site's pages have none.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp.constants.NONCE],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin's own: its editors write inline scripts and style
# attributes, show uploads as blob: images, and frame their previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [
    BASE_DIR / "portal" / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    (
        "accessible-autocomplete",
        BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist",
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Participating online <noreply@portal.invalid>"
)

# Celery: our background work. The broker is Redis when REDIS_URL is set and
# kombu's filesystem transport otherwise, so `make run` needs no server.
REDIS_BROKER_TRANSPORT_OPTIONS = {
    # A message not acknowledged within the visibility timeout is handed to
    # another worker. It must outlast the longest task (the hard time limit
    # below), or a slow task would run twice.
    "visibility_timeout": 60 * 60,
    # A publish that cannot reach Redis fails at once instead of retrying for
    # seconds inside the request that queued mail: the outbox keeps the mail
    # and the periodic relay sends it when Redis is back.
    "max_retries": 0,
    "socket_connect_timeout": 3,
    # Without it a publish to a Redis that vanished without closing the
    # connection (failover, a dropped NAT entry) waits for ever.
    "socket_timeout": 10,
}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = VAR_DIR / "celery-queue"
    # The transport fails to publish into a folder that does not exist yet.
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        # Broadcasts (worker control, pings) would otherwise go to ./control.
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 60 * 60
# Acknowledge after the task has run, and hand it back if the worker dies,
# so a killed worker loses nothing; tasks are written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Reminders, escalation and expiry (approvals.reminders). These are the
# defaults; each department may set its own (ReminderPolicy). Hours are
# working hours, which skip weekends and England and Wales bank holidays,
# except urgent_within: real hours before a post's publication time.
APPROVALS_REMINDER_DEFAULTS = {
    "first_after": 24,
    "repeat_every": 24,
    "escalate_after": 48,
    "urgent_within": 12,
}
# People whose reminders one transaction sends: a sweep that dies keeps what
# it committed, and the next carries on from there.
APPROVALS_REMINDER_BATCH = 200
# The longest cover a manager may arrange, in days, the first and last included.
# Cover goes to someone in the covered manager's department unless an admin
# of that department arranges it; this limit holds for everyone.
APPROVALS_MAX_COVER_DAYS = 90
# How long the count of what waits, shown on every page, is reused. Any
# change to sign-off drops it sooner.
APPROVALS_WAITING_COUNT_SECONDS = 120
# A person's count of unread notices is kept until their notices change (each
# change drops it, portal.caching.invalidation); this bounds it besides.
APPROVALS_NOTICES_COUNT_SECONDS = 600
# Seconds the periods in force or to come are kept for every page's banner; a
# change to a period drops them at once (portal.caching.invalidation).
APPROVALS_PERIODS_KEPT_SECONDS = 300
# Attempts at sending one e-mail before the relay gives up and marks it failed
# for an admin to retry. The waits between them double from two minutes to at
# most an hour: eight attempts span about three hours.
APPROVALS_OUTBOX_MAX_ATTEMPTS = 8

# The retention schedule's defaults (approvals.retention); admins change them
# in the Wagtail admin (Settings, Retention schedule). Drafts never submitted
# are deleted once untouched this long; records of submitted posts are listed
# for review once untouched this long, and never deleted automatically.
APPROVALS_RETENTION_DEFAULTS = {"draft_months": 12, "record_years": 7}

# The background work's schedule. It is loaded into django-celery-beat's
# tables on migrate (only what is missing), and changed there in the admin.
# Not CELERY_BEAT_SCHEDULE: beat writes that over the database at every
# start, which would undo what admins changed.
BEAT_SCHEDULE_DEFAULTS = {
    "Send queued e-mail": {
        "task": "approvals.tasks.relay_outbox",
        "interval": {"every": 1, "period": "minutes"},
    },
    "Expire posts whose time has passed": {
        "task": "approvals.tasks.expire_posts",
        "interval": {"every": 5, "period": "minutes"},
    },
    "Repair what the cache missed while it was down": {
        "task": "portal.tasks.repair_cache",
        "interval": {"every": 1, "period": "minutes"},
    },
    "Send the digests of new comments": {
        "task": "approvals.tasks.send_comment_digests",
        "interval": {"every": 1, "period": "minutes"},
    },
    "Send sign-off reminders": {
        "task": "approvals.tasks.send_reminders",
        "crontab": {"minute": "0", "hour": "*"},
    },
    "Send advice reminders": {
        "task": "approvals.tasks.send_advice_reminders",
        "crontab": {"minute": "5", "hour": "*"},
    },
    "Apply the retention schedule": {
        "task": "approvals.tasks.apply_retention",
        "crontab": {"minute": "30", "hour": "2"},
    },
}

# Wagtail's own background work (search and reference indexes) stays on
# django-tasks' immediate backend; Celery is for the portal's work.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail's database backend chooses the engine by the database: PostgreSQL's
# full-text search (tsvector, ranked) on PostgreSQL, FTS5 on SQLite. The
# English configuration stems words so "publishing" finds "published"; the
# SQLite engine ignores it.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Approval publishes; no one but a superuser holds "publish" (guidance.permissions).
WAGTAIL_FINISH_WORKFLOW_ACTION = "guidance.approval.publish_approved"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Two lines for every page Wagtail indexes in-process, drowning what matters.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# The one password `seed_demo` gives every demo account (README lists them).
DEMO_PASSWORD = env("DEMO_PASSWORD", default="participate-2026")
