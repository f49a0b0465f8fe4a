"""Django settings, read from POLITZEK_* environment variables (see README, Configuration)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from politzek.cache_settings import cache_settings
from politzek.database import database_settings, database_url

BASE_DIR = Path(__file__).resolve().parent


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """POLITZEK_SECRET_KEY, or a key kept in a private file so sessions survive restarts."""
    key = os.environ.get("POLITZEK_SECRET_KEY")
    if key:
        return key
    home = Path(os.environ.get("POLITZEK_HOME", Path.home() / ".local/share/politzek"))
    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("POLITZEK_DEBUG", "") == "1"
ALLOWED_HOSTS = _env_list("POLITZEK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("POLITZEK_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "politzek.registry",
    "politzek.flows",
    "politzek.web",
]

MIDDLEWARE = [
    # Outermost, so every page, CSV, SVG and JSON leaves compressed when the client accepts it
    # (a 181-KB page is 42 KB gzipped: seconds over Tor). It sets Vary: Accept-Encoding, and
    # Django pads its gzip header at random against BREACH on pages with a CSRF token.
    "django.middleware.gzip.GZipMiddleware",
    # ETag from the body and 304 Not Modified for a matching If-None-Match (after gzip, whose
    # ETag it weakens; a cached page and a fresh one with the same bytes share their ETag).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A NUL character in a parameter is a 4xx here, not a database error later.
    "politzek.web.input_guard.RefuseNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The visitor's language: their choice (a cookie set by the language form), else the
    # browser's Accept-Language, else English.
    "django.middleware.locale.LocaleMiddleware",
    # A busy, full or read-only database: 503 in one sentence (database_trouble.py).
    "politzek.web.database_trouble.DatabaseTroubleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed its user's TOTP device.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # No browser or proxy keeps a staff page, or any page a signed-in user reads.
    "politzek.web.no_store.NoStoreForStaff",
    # Records the logged-in user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # One Content-Security-Policy for every response: nothing from any other host, no scripts
    # (the admin's own, from this server, excepted) and no inline styles.
    "csp.middleware.CSPMiddleware",
    "politzek.web.csp.AdminScriptsOnly",
    # Anonymous public pages served whole from the cache while the data has not moved
    # (page_cache.py): inside every middleware that adds headers (CSP, frame options, cache
    # control), so a page from the cache leaves with the same headers as a fresh one.
    "politzek.web.page_cache.PageCache",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses them during a lockout, before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username after 5 failures for an hour. By username, not address: readers share
# Tor exit nodes, and one attacker must not lock out everyone behind the same exit.
AXES_FAILURE_LIMIT = int(os.environ.get("POLITZEK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# axes.W006 asks to lock by address too; that is the Tor problem above, so it is silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_VERBOSE = False
LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Kept only so that older hashes still verify (and are upgraded to argon2 on login).
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Staff sessions end after 8 hours or when the browser closes, whichever comes first.
SESSION_COOKIE_AGE = int(os.environ.get("POLITZEK_SESSION_SECONDS", str(8 * 3600)))
# Runs a policy behind the public simulator page: each visitor's change is computed on the
# server (a few seconds at 400); a small server can lower it.
# A status whose latest information is older than this many months reads "last known: … (as
# of …)" (registry/staleness.py); letters then warn that the address may be out of date.
POLITZEK_STALE_AFTER_MONTHS = int(os.environ.get("POLITZEK_STALE_AFTER_MONTHS", "12"))
SIMULATOR_PAGE_RUNS = int(os.environ.get("POLITZEK_SIMULATOR_RUNS", "400"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
OTP_TOTP_ISSUER = "politzek"

ROOT_URLCONF = "politzek.urls"
WSGI_APPLICATION = "politzek.wsgi.application"

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
                "politzek.web.public.context.language_links",
                "politzek.web.staff.typed_work.context",
            ],
        },
    },
]

DATABASES = {"default": database_settings(database_url())}
# Each server worker keeps the counts and facets of the lists it served (web/public/people_list.py),
# keyed by the data's state; enough entries for a day's distinct searches on a small server.
# Exchange lists longer than this are vetted in the background (web/staff/vetting_jobs.py).
VET_INLINE_ENTRIES = int(os.environ.get("POLITZEK_VET_INLINE_ENTRIES", "150"))

# POLITZEK_CACHE: memory (per process), file:/folder (per server) or database (shared by
# every app server); politzek/cache_settings.py.
CACHES = cache_settings()
# Whole anonymous pages (web/page_cache.py): which of CACHES and for how long at most; 0 turns
# it off. Pages are keyed by the data version, so this bounds memory, not staleness.
POLITZEK_PAGE_CACHE = os.environ.get("POLITZEK_PAGE_CACHE", "default")
POLITZEK_PAGE_CACHE_SECONDS = int(os.environ.get("POLITZEK_PAGE_CACHE_SECONDS", "600"))
# What public pages tell browsers and proxies: keep for this long, then revalidate by ETag;
# serve the old copy for this long while revalidating.
POLITZEK_PUBLIC_MAX_AGE = int(os.environ.get("POLITZEK_PUBLIC_MAX_AGE", "30"))
POLITZEK_PUBLIC_STALE_SECONDS = int(os.environ.get("POLITZEK_PUBLIC_STALE_SECONDS", "120"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("be", "Беларуская"), ("uk", "Українська")]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Belarusian number and date formats (Django ships Russian and Ukrainian ones only).
FORMAT_MODULE_PATH = ["politzek.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("POLITZEK_STATIC_ROOT") or None
# Serve the admin's files straight from the installed apps: no collectstatic step for a
# single-machine install, and nothing loaded from third parties.
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Nothing to other sites; same-origin keeps the Origin header that CSRF checks on sign-in
# and forms ("no-referrer" makes browsers send "Origin: null", which Django refuses).
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind an HTTPS reverse proxy (POLITZEK_HTTPS=1): cookies only over HTTPS, trust the
# proxy's X-Forwarded-Proto, and ask browsers to keep using HTTPS.
if os.environ.get("POLITZEK_HTTPS") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_for_client_errors": {"()": "politzek.web.log_filters.OneLineForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_for_client_errors"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("POLITZEK_LOG_LEVEL", "WARNING")},
}
