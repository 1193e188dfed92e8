"""Settings for lscb, driven by environment variables (see .env.example).

Embedded defaults let a fresh clone run with nothing else: SQLite, and Celery tasks
run in-process. Set DATABASE_URL and REDIS_URL for PostgreSQL and a real broker.
A bad value fails loudly at start-up (django-environ raises ImproperlyConfigured).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
PRODUCTION = env.bool("LSCB_PRODUCTION", default=False)

# The development key is only acceptable outside production; production must set one.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="" if PRODUCTION else "dev-insecure-key-change-me-" + "x" * 40)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# A rejected CSRF request gets the GOV.UK page and is audited (rate-limited).
CSRF_FAILURE_VIEW = "lscb.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    # TOTP for business managers and chairs; static device = recovery codes (lscb/mfa.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Only for its static files: the ProseMirror/Tiptap bundle that static/js/rich_text.js imports
    # (docs/adr/0007-rich-text-editor.md); its widget and fields are not used.
    "django_prose_editor",
    "lscb",
    "boards",
    "subgroups",
    "reviews",
    "reports",
    # Single sign-on with OpenID Connect (docs/adr/0010-single-sign-on.md).
    "sso",
    "accounts",
    # Quality assurance: Section 11/175 self-assessments (issue 17).
    "assurance",
    "learning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before any view: no query parameter carries a NUL byte to the database.
    "lscb.middleware.StripNulFromQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "lscb.middleware.NoStoreForAuthenticatedMiddleware",
    # Idle and absolute session timeouts, enforced on the server (not only by cookie age).
    "lscb.middleware.SessionTimeoutMiddleware",
    # Files and exports handed to a signed-in person go to the audit log (if the view did not).
    "lscb.middleware.AuditFilesServedMiddleware",
    # A unique constraint hit by two submissions at once is a 409 page, not a 500.
    "lscb.middleware.DuplicateSubmissionMiddleware",
    # A refused upload goes to the audit log, at most once a minute per person and kind.
    "lscb.middleware.AuditRefusedUploadsMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lscb.urls"
WSGI_APPLICATION = "lscb.wsgi.application"

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
                "lscb.context_processors.navigation",
            ],
            # The one date and money filters (lscb/formats.py), in every template without a load.
            "builtins": ["lscb.templatetags.lscb_format"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# A dropped connection (e.g. PostgreSQL restarted) is detected before reuse, not at a user's expense.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on: signs in an existing person by their organisation account (sso/backends.py).
    "sso.backends.SignOnBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes records failed sign-ins; lscb/lockout.py decides what they mean
# (docs/adr/0008-progressive-lockout.md). After LOCKOUT_FREE_FAILURES failures for one username
# it is refused for LOCKOUT_FIRST_COOL_OFF_SECONDS, doubling with each further failure up to
# LOCKOUT_MAX_COOL_OFF_SECONDS: short enough that five bad passwords typed against a manager's
# name cost them a minute, not an hour. Whatever the browser says (the user agent is not part of it).
AXES_HANDLER = "lscb.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOCKOUT_FREE_FAILURES = AXES_FAILURE_LIMIT
LOCKOUT_FIRST_COOL_OFF_SECONDS = env.int("LOCKOUT_FIRST_COOL_OFF_SECONDS", default=60)
LOCKOUT_MAX_COOL_OFF_SECONDS = env.int("LOCKOUT_MAX_COOL_OFF_SECONDS", default=15 * 60)
# Failures are remembered this many hours after the last one (or until the person signs in).
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_HOURS", default=24)
# Axes tracks both; lscb/lockout.py applies its own limit to each (LockoutHandler.is_locked).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# One address failing across many usernames is throttled on its own, with a higher limit: a whole
# council often shares one address.
LOCKOUT_IP_FAILURES = env.int("LOCKOUT_IP_FAILURES", default=50)
LOCKOUT_IP_WINDOW_SECONDS = env.int("LOCKOUT_IP_WINDOW_SECONDS", default=15 * 60)
# Failures made during a cool-off are refused without counting: hammering does not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "lscb.lockout.lockout_response"
# Failures are forgotten when the person has passed every factor (lscb/signals.py, lscb/views_mfa.py),
# not at the password alone: else signing in again would reset the count of wrong two-factor codes.
AXES_RESET_ON_SUCCESS = False

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the cookie age is then an idle timeout
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session ends this long after sign-in, however active (the idle limit is SESSION_COOKIE_AGE).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
SESSION_IDLE_SECONDS = SESSION_COOKIE_AGE

# Single sign-on with OpenID Connect, e.g. Microsoft Entra ID (README, "Single sign-on";
# docs/adr/0010-single-sign-on.md). All three set, or none: the sign-in page shows the button then.
# Issuer for Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0
SSO_ISSUER = env.str("LSCB_SSO_ISSUER", default="")
SSO_CLIENT_ID = env.str("LSCB_SSO_CLIENT_ID", default="")
SSO_CLIENT_SECRET = env.str("LSCB_SSO_CLIENT_SECRET", default="")
# Only if the discovery document is not at <issuer>/.well-known/openid-configuration.
SSO_DISCOVERY_URL = env.str("LSCB_SSO_DISCOVERY_URL", default="")
# How far the provider's clock may be from ours when checking an id_token's times.
SSO_CLOCK_SKEW_SECONDS = env.int("LSCB_SSO_CLOCK_SKEW_SECONDS", default=30)
if bool(SSO_ISSUER) != bool(SSO_CLIENT_ID) or bool(SSO_ISSUER) != bool(SSO_CLIENT_SECRET):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set LSCB_SSO_ISSUER, LSCB_SSO_CLIENT_ID and LSCB_SSO_CLIENT_SECRET together, or none.")
# mozilla-django-oidc (sso/backends.py, sso/views.py): the code flow with PKCE, state and nonce;
# people are matched to existing accounts only, never created.
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_TIMEOUT = env.int("LSCB_SSO_TIMEOUT_SECONDS", default=10)
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False

# django-otp: the name authenticator apps show next to the code.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Safeguarding board")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production, serve static files straight from the app folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Every private file (review documents, rendered reports: lscb/storage.py): outside the web root;
# no URL serves this folder, only download views that check permissions and write an audit entry.
# There is no MEDIA_ROOT: the app has no public uploads.
PRIVATE_FILES_ROOT = env.path("LSCB_PRIVATE_FILES_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "private": {"BACKEND": "lscb.storage.PrivateFileStorage"},
    # Nothing uses the default storage; should anything, its files land in the private folder,
    # never in the working directory or under a URL.
    "default": {"BACKEND": "lscb.storage.PrivateFileStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Content-Security-Policy (django-csp 4): no inline script, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Behind the TLS proxy (README, "Production mode"), which sets X-Forwarded-Proto itself and
    # replaces any a client sent; gunicorn listens on 127.0.0.1 only, so no client reaches it
    # directly. Set LSCB_TRUST_X_FORWARDED_PROTO=false if gunicorn serves TLS itself.
    if env.bool("LSCB_TRUST_X_FORWARDED_PROTO", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Celery: with no REDIS_URL, tasks run in-process (the embedded default).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Well above the longest render: an unacknowledged message is redelivered only after this.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="lscb@localhost")
# The address people reach the service at, for links in e-mails.
SITE_URL = env.str("LSCB_SITE_URL", default="http://127.0.0.1:8000")

# Accounts (accounts/): the SMTP relay for EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# (production may use GOV.UK Notify instead: docs/adr/0009-invitations-and-account-email.md),
# and the rate limits on e-mails anyone can trigger.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
INVITATIONS_PER_HOUR = env.int("LSCB_INVITATIONS_PER_HOUR", default=60)  # per business manager
PASSWORD_RESETS_PER_HOUR = env.int("LSCB_PASSWORD_RESETS_PER_HOUR", default=5)  # per address and per e-mail
PASSWORD_RESET_TIMEOUT = 24 * 3600  # seconds a reset link works (Django's token)

# Upload limits and reminder timings (bytes; days before / after a section's due date).
REPORT_DOCX_MAX_BYTES = env.int("LSCB_REPORT_DOCX_MAX_BYTES", default=10 * 1024 * 1024)
# Memory a Word conversion / a PDF render may take on top of the worker's own (reports/limits.py).
REPORT_DOCX_CONVERT_MEMORY_BYTES = env.int("LSCB_REPORT_DOCX_CONVERT_MEMORY_BYTES", default=1024 * 1024 * 1024)
REPORT_RENDER_MEMORY_BYTES = env.int("LSCB_REPORT_RENDER_MEMORY_BYTES", default=2 * 1024 * 1024 * 1024)
REVIEWS_MAX_UPLOAD_BYTES = env.int("LSCB_REVIEWS_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
REPORT_REMINDER_DAYS_BEFORE = tuple(env.list("LSCB_REPORT_REMINDER_DAYS_BEFORE", cast=int, default=[14, 7, 1]))
REPORT_REMINDER_OVERDUE_DAYS = tuple(env.list("LSCB_REPORT_REMINDER_OVERDUE_DAYS", cast=int, default=[1, 7]))

PASSWORD_HASHERS = env.list(
    "DJANGO_PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
