"""Django settings for hemorehab, all from environment variables (see hemorehab.config).

Development defaults are safe and local: SQLite in var/, a secret key generated once in var/,
only localhost allowed. With HEMOREHAB_ENV=production the server refuses to start unless the
database URL, secret key and allowed hosts are given.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.csp import CSP

from hemorehab import config

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(config.env_str("HEMOREHAB_VAR_DIR", None) or Path.cwd() / "var").resolve()
ENVIRONMENT = config.environment()
PRODUCTION = ENVIRONMENT == "production"

if PRODUCTION:
    _problems = config.production_problems()
    if _problems:
        raise config.ConfigError(
            "HEMOREHAB_ENV=production but: " + "; ".join(p.message for p in _problems)
        )

SECRET_KEY = config.env_str("SECRET_KEY") or config.development_secret_key(VAR_DIR)
DEBUG = config.env_bool("HEMOREHAB_DEBUG", False)
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "testserver"]
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS")

_database_url = config.env_str("DATABASE_URL")
DATABASES = {
    "default": config.parse_database_url(_database_url)
    if _database_url
    else config.sqlite_database(VAR_DIR / "hemorehab.sqlite3")
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Created readable by its owner only (SQLite keeps the mode for its -wal and -shm files).
    config.owner_only_file(Path(str(DATABASES["default"]["NAME"])))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "hemorehab.audit",
    "hemorehab.accounts",
    "hemorehab.patients",
    "hemorehab.assessments",
    "hemorehab.care",
    "hemorehab.rehab",
    "hemorehab.research",
    "hemorehab.centers",
    "hemorehab.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hemorehab.accounts.middleware.UserLanguageMiddleware",
    "hemorehab.audit.middleware.AuditContextMiddleware",
    "hemorehab.accounts.idempotency.IdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "hemorehab.policy.middleware.NoStoreMiddleware",
    "hemorehab.policy.middleware.DenyByDefaultMiddleware",
]

ROOT_URLCONF = "hemorehab.urls"
WSGI_APPLICATION = "hemorehab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hemorehab.navigation.links",
            ],
            "builtins": ["hemorehab.ui.templatetags.idempotency"],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "patients:list"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after this many idle minutes (every request renews them).
SESSION_COOKIE_AGE = 60 * config.env_int("HEMOREHAB_SESSION_MINUTES", 30, 5, 24 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS in production: redirect plain HTTP, and tell browsers to use HTTPS only (HSTS).
SECURE_SSL_REDIRECT = config.env_bool("HEMOREHAB_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = config.env_int(
    "HEMOREHAB_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0, 0, 63_072_000
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = config.env_bool("HEMOREHAB_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Preloading is a commitment made with the browser vendors, not a server setting: off unless
# asked for (its deploy-check reminder, security.W021, is silenced for that reason).
SECURE_HSTS_PRELOAD = config.env_bool("HEMOREHAB_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a TLS-terminating proxy: the header it sets, e.g. X-Forwarded-Proto (only when the
# proxy always sets it and strips it from clients' requests).
SECURE_PROXY_SSL_HEADER = config.proxy_ssl_header(config.env_str("HEMOREHAB_PROXY_SSL_HEADER"))
# A strict Content-Security-Policy: nothing inline, nothing from elsewhere (report figures are
# data: images).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Failed logins (accounts.throttle), each pausing logins for LOCK_MINUTES: this many for one
# account from one address pause that account from that address; PER_ADDRESS from one address
# pause the address; PER_ACCOUNT from any addresses lock the account for everyone.
HEMOREHAB_LOGIN_MAX_FAILURES = config.env_int("HEMOREHAB_LOGIN_MAX_FAILURES", 5, 2, 50)
HEMOREHAB_LOGIN_MAX_FAILURES_PER_ADDRESS = config.env_int(
    "HEMOREHAB_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, 2, 1000
)
HEMOREHAB_LOGIN_MAX_FAILURES_PER_ACCOUNT = config.env_int(
    "HEMOREHAB_LOGIN_MAX_FAILURES_PER_ACCOUNT", 50, 2, 10000
)
HEMOREHAB_LOGIN_LOCK_MINUTES = config.env_int("HEMOREHAB_LOGIN_LOCK_MINUTES", 15, 1, 24 * 60)
# The cache holds the login counters: local memory counts per process; a Redis URL
# (redis://host:6379/0) shares them between processes and servers.
_cache_url = config.env_str("HEMOREHAB_CACHE_URL")
CACHES = {"default": config.parse_cache_url(_cache_url)}
# The CHO-KLAT item wording is copyrighted: a center with a licence names its text file here
# (JSON or YAML, see hemorehab.clinical.cho_klat.load_item_texts); without it items show numbers.
HEMOREHAB_CHO_KLAT_TEXTS = config.env_str("HEMOREHAB_CHO_KLAT_TEXTS")
# Families correct what they entered themselves for this many hours; then it is the record.
HEMOREHAB_FAMILY_CORRECTION_HOURS = config.env_int(
    "HEMOREHAB_FAMILY_CORRECTION_HOURS", 24, 1, 24 * 14
)
# API bearer tokens last this many hours.
HEMOREHAB_API_TOKEN_HOURS = config.env_int("HEMOREHAB_API_TOKEN_HOURS", 12, 1, 24 * 30)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = config.env_time_zone("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the app folders too
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(config.env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"
# Uploaded files (videos of home sessions, ...) are the owner's only.
MEDIA_ROOT.mkdir(parents=True, exist_ok=True, mode=0o700)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "hemorehab.logfilters.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HEMOREHAB_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["refusals"]},
    },
}
