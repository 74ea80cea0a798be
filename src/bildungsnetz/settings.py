"""Settings for Bildungsnetz NRW, read from environment variables with safe defaults.

See ``.env.example`` and the README's "Konfiguration" section for every variable.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()
environ.Env.read_env(env.str("ENV_FILE", default=str(Path.cwd() / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="unsicher-nur-fuer-entwicklung-und-tests")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATA_DIR = Path(env.str("DATA_DIR", default=str(Path.cwd() / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "bildungsnetz.core",
    "bildungsnetz.regions",
    "bildungsnetz.schools",
    "bildungsnetz.network",
    "bildungsnetz.catalogue",
    "bildungsnetz.partners",
    "bildungsnetz.surveys",
    "bildungsnetz.monitoring",
    "bildungsnetz.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "bildungsnetz.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "bildungsnetz.urls"
WSGI_APPLICATION = "bildungsnetz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bildungsnetz.core.context_processors.site",
            ],
            "string_if_invalid": env.str("TEMPLATE_STRING_IF_INVALID", default=""),
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite (WAL) by default; PostgreSQL via DATABASE_URL=postgres://user@host:5432/name
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default="sqlite:///" + str(DATA_DIR / "bildungsnetz.sqlite3")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour: bare domains become https://

# --- Cache, sessions, jobs -------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="bn"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "bildungsnetz_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A job whose whole worker died (machine lost, SIGKILL of the master) stays unacknowledged in
# Redis and is handed to another worker after this many seconds; keep it above the longest job.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=3600)
}

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_ALLOW_REGISTRATION = env.bool("ACCOUNT_ALLOW_REGISTRATION", default=False)
ACCOUNT_ADAPTER = "bildungsnetz.core.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "bildungsnetz.core.forms.LoginForm"}
ACCOUNT_LOGOUT_ON_GET = False
# Failed logins per e-mail address and per IP; counted in the cache, which is shared
# between processes (database cache by default, Redis when REDIS_URL is set).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "login": "30/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bildungsnetz NRW"

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("MANIFEST_STATIC", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env.bool("MANIFEST_STATIC", default=True)

# --- Mail ------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Bildungsnetz NRW <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
# Public forms without login (feedback, newsletter, self-registration): POSTs per address/hour.
PUBLIC_FORM_LIMIT_PER_HOUR = env.int("PUBLIC_FORM_LIMIT_PER_HOUR", default=20)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"] + ([_tile_origin] if _tile_origin else []),
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Product settings ------------------------------------------------------------------
# Where the official school register is read from by default (path or URL).
SCHOOL_REGISTER_SOURCE = env.str(
    "SCHOOL_REGISTER_SOURCE",
    default="https://www.schulministerium.nrw.de/BiPo/OpenData/Schuldaten/schuldaten.csv",
)
# An import that would close more than this share of the open schools is refused
# unless --allow-mass-closure is given (protects against a truncated or partial file).
SCHOOL_IMPORT_MAX_CLOSURE_SHARE = env.float("SCHOOL_IMPORT_MAX_CLOSURE_SHARE", default=0.2)
FEEDBACK_EMAIL = env.str("FEEDBACK_EMAIL", default="barrierefreiheit@localhost")
# Link check of the support catalogue (bildungsnetz check_links, runperiodic, Celery beat).
CATALOGUE_LINK_TIMEOUT = env.float("CATALOGUE_LINK_TIMEOUT", default=10.0)
CATALOGUE_LINK_WORKERS = env.int("CATALOGUE_LINK_WORKERS", default=4)
CATALOGUE_LINK_HOST_DELAY = env.float("CATALOGUE_LINK_HOST_DELAY", default=1.0)
# Periodic jobs run by `bildungsnetz runperiodic` (cron/systemd timer) and by Celery beat:
# name -> (Celery task name, interval in seconds). Every job is idempotent.
PERIODIC_JOBS = {
    "linkpruefung": ("catalogue.check_links", 7 * 24 * 3600),
    "arbeitsauftraege_erinnern": ("network.send_work_order_reminders", 24 * 3600),
    "bildungspartner_erinnern": ("partners.send_reminders", 24 * 3600),
    "suchauftraege_benachrichtigen": ("partners.send_search_alerts", 24 * 3600),
    "aufbewahrung_personen": ("network.apply_retention", 24 * 3600),
    "monitoring_stichtag": ("monitoring.take_snapshot", 24 * 3600),
    "befragungen_erinnern": ("surveys.send_reminders", 24 * 3600),
}
# Surveys: public address for links in mails sent by periodic jobs; reminder lead time.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
SURVEY_REMINDER_DAYS_BEFORE = env.int("SURVEY_REMINDER_DAYS_BEFORE", default=5)
# Persons without an active membership are anonymised after this many days of inactivity.
NETWORK_PERSON_RETENTION_DAYS = env.int("NETWORK_PERSON_RETENTION_DAYS", default=3 * 365)
CELERY_BEAT_SCHEDULE = {
    name: {"task": task, "schedule": interval} for name, (task, interval) in PERIODIC_JOBS.items()
}
SITE_NAME = "Bildungsnetz NRW"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
