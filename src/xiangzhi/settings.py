"""Settings, all read from the environment (see .env.example).

One module for every environment: ``XIANGZHI_ENV=production`` only tightens what a public
deployment needs (secret key from the environment, HTTPS cookies, HSTS); there is no
production-only code path.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from xiangzhi.env import env_bool, env_choice, env_int, env_list, env_str, secret_from_env_or_file

PROJECT_DIR = Path(__file__).resolve().parent
ENVIRONMENT = env_choice("XIANGZHI_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env_str("XIANGZHI_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise warns when STATIC_ROOT is missing
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

SECRET_KEY = secret_from_env_or_file("SECRET_KEY", DATA_DIR, "secret_key", generate=not PRODUCTION)
# Personal data keys are separate from SECRET_KEY so that rotating one never touches the other.
FIELD_ENCRYPTION_KEY = secret_from_env_or_file("XIANGZHI_FIELD_KEY", DATA_DIR, "field_key", generate=True)
BLIND_INDEX_KEY = secret_from_env_or_file("XIANGZHI_INDEX_KEY", DATA_DIR, "index_key", generate=True)
# Retired field keys, still able to decrypt while ``reencrypt_field`` moves data to the new key.
FIELD_ENCRYPTION_OLD_KEYS = env_list("XIANGZHI_FIELD_OLD_KEYS", "")

DEBUG = env_bool("XIANGZHI_DEBUG", False)
# Required in production: a public site must name the hosts it answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", None if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "simple_history",
    "django_filters",
    "django_htmx",
    "axes",
    "xiangzhi.core",
    "xiangzhi.care",
    "xiangzhi.safety",
    "xiangzhi.security",
    "xiangzhi.environment",
    "xiangzhi.projects",
    "xiangzhi.events",
    "xiangzhi.points",
    "xiangzhi.economy",
    "xiangzhi.stars",
    "xiangzhi.reports",
    "xiangzhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "xiangzhi.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xiangzhi.core.middleware.NoStoreMiddleware",
    "xiangzhi.core.middleware.NullCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xiangzhi.urls"
WSGI_APPLICATION = "xiangzhi.wsgi.application"

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
                "xiangzhi.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'xiangzhi.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; IMMEDIATE transactions plus a busy timeout
    # make concurrent writers wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# OWASP ASVS L2 (2.1): at least 12 characters, no composition rules, reject common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "xiangzhi.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed log-ins are throttled per user name and address together.
AXES_FAILURE_LIMIT = env_int("XIANGZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env_int("XIANGZHI_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("XIANGZHI_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("XIANGZHI_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("XIANGZHI_HSTS_PRELOAD", True)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The embedded server serves assets straight from the packages, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

CACHES = {
    "default": {
        # Shared by every process of one installation (web and import worker): import progress.
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}
# How browser imports run: "thread" (inside the web process), "worker" (xiangzhi import_worker),
# or "eager" (inline, for tests).
XIANGZHI_JOBS = env_choice("XIANGZHI_JOBS", ("thread", "worker", "eager"), "thread")
# Browser imports that run at once in the whole installation (web and worker processes together);
# the others wait in the queue. Each takes memory in proportion to its file.
XIANGZHI_IMPORT_CONCURRENCY = env_int("XIANGZHI_IMPORT_CONCURRENCY", 2, minimum=1)
# Limits of an imported ledger file (core/tabular/sources.py, Limits): a small .xlsx can unpack to
# gigabytes, and the memory it takes is what it unpacks to, not what was uploaded.
XIANGZHI_IMPORT_LIMITS = {
    "max_unpacked_bytes": env_int("XIANGZHI_IMPORT_MAX_UNPACKED_MB", 256, minimum=1) * 1024 * 1024,
    "max_zip_ratio": env_int("XIANGZHI_IMPORT_MAX_ZIP_RATIO", 100, minimum=1),
}
# Pictures (hazard photos, star evidence) larger than this are refused before they are decoded.
XIANGZHI_IMAGE_MAX_MEGAPIXELS = env_int("XIANGZHI_IMAGE_MAX_MEGAPIXELS", 40, minimum=1)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# A command's unexpected failure goes to a file, not to the terminal: its user gets one Chinese
# line naming the file (core/management/base.py), the operator the traceback.
CLI_LOG_FILE = DATA_DIR / "log" / "cli.log"
CLI_LOG_FILE.parent.mkdir(exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "cli_file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(CLI_LOG_FILE),
            "maxBytes": 5_000_000,
            "backupCount": 3,
            "encoding": "utf-8",
            "delay": True,
        },
    },
    "root": {"handlers": ["console"], "level": env_str("XIANGZHI_LOG_LEVEL", "WARNING")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "xiangzhi.cli": {"handlers": ["cli_file"], "propagate": False},
    },
}
