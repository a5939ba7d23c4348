"""Settings shared by every environment; values come from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The reference site first so its templates and translations win, then the plugin set.
    "home",
    "kpss_pages.core",
    "catalog",
    "kpss_pages.groups",
    "kpss_pages.plan",
    "kpss_pages.news",
    "kpss_pages.plone",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kpss_pages.core.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kpss_site.urls"
WSGI_APPLICATION = "kpss_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "kpss_pages.news.context_processors.feeds",
            ],
        },
    },
]

# DATABASE_URL switches engines; the default is an SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the dev server and a background worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# The plugin set's section pages (plan, working groups, news, catalogue) may be created under
# the reference site's home page, its content pages and the plugin's own section pages.
KPSS_SECTION_PARENT_PAGE_TYPES = ["home.HomePage", "home.ContentPage", "kpss_core.SectionPage"]

# Behind a reverse proxy, the request header that carries the client's address (e.g.
# HTTP_X_FORWARDED_FOR); the rate limits of public forms count per address.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")
# Rate limits of public forms: form → (submissions per client address, seconds). Forms left
# out keep the plugin's defaults (kpss_pages.core.public_forms.DEFAULT_RATE_LIMITS, README
# "Public forms"), e.g. {"comment": (3, 600)}.
KPSS_PUBLIC_FORM_RATE_LIMITS = {}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    # django-redis rather than Django's own RedisCache: Django's builds a new redis-py client
    # for every cache call (copying its table of ~170 response callbacks), a quarter of the
    # CPU of a page served from the page cache; django-redis keeps one per server.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kpss",
        },
        # {% cache %} fragments (header, footer, title, catalogue results) vary on the
        # content generation or the catalogue version, so a key never gets another value:
        # each worker keeps them in its own memory instead of asking Redis for each one.
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kpss-template-fragments",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name,
# or from one client address, further attempts are refused for AXES_COOLOFF_MINUTES with a
# Czech page (status 429), even with the right password; a successful login clears the
# client's count. `manage.py axes_reset` unlocks everyone. See the README, "Admin".
AUTHENTICATION_BACKENDS = [
    "kpss_site.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner in every management command's output
AXES_LOCKOUT_CALLABLE = "kpss_site.auth.lockout_response"
# Behind a reverse proxy, the same client address as the public forms' rate limits.
AXES_CLIENT_IP_CALLABLE = "kpss_site.auth.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Czech site, Prague time, Czech date formats from kpss_site.formats.
LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", _("Czech"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("cs", "Čeština"), ("en", "English")]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["kpss_site.formats"]
# The admin's date pickers write Czech dates: "3. 12. 2026", "3. 12. 2026 9:00", "9:00".
WAGTAIL_DATE_FORMAT = "%-d. %-m. %Y"
WAGTAIL_DATETIME_FORMAT = "%-d. %-m. %Y %-H:%M"
WAGTAIL_TIME_FORMAT = "%-H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console by default, SMTP as soon as EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kpss@example.org")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Outgoing e-mail (kpss_pages.core.mail): every e-mail waits in the outbox and the worker
# sends it; retries double the pause each time; see the README, "E-mail".
KPSS_EMAIL_MAX_ATTEMPTS = env_int("KPSS_EMAIL_MAX_ATTEMPTS", 6)
KPSS_EMAIL_RETRY_SECONDS = env_int("KPSS_EMAIL_RETRY_SECONDS", 300)
# After this many seconds "being sent", an e-mail left by a killed worker is sent again.
KPSS_EMAIL_RECLAIM_SECONDS = env_int("KPSS_EMAIL_RECLAIM_SECONDS", 600)

# Background work (e-mail sends, index updates) goes through django-tasks with the
# database backend; `manage.py db_worker` runs the queue.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Komunitní plánování sociálních služeb")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# New pages get ASCII addresses ("pozvánka" → "pozvanka") already while the title is typed;
# the plugin's page models do the same on the server without this setting.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "kpss_pages.core.search_backend",
        # PostgreSQL uses the `czech_unaccent` configuration created by a migration in home/.
        "SEARCH_CONFIG": "czech_unaccent",
    }
}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "ods",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
    # Videos played by the browser's own player and their captions (kpss VideoBlock).
    "mp4",
    "webm",
    "vtt",
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "kpss_pages.core.documents.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint and fontTools log every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Catalogue of services (catalog app) ---------------------------------------------------
# Entries not verified for more than this many months are listed as stale.
CATALOG_VERIFY_MONTHS = env_int("CATALOG_VERIFY_MONTHS", 12)
# Register files up to this size (MB) uploaded in the admin are imported at once;
# larger ones go to the background worker.
CATALOG_IMPORT_SYNC_MAX_MB = env_int("CATALOG_IMPORT_SYNC_MAX_MB", 5)
# Region (kraj) written into addresses of the HSDS open-data export, e.g. "Zlínský kraj".
CATALOG_REGION = env_str("CATALOG_REGION", "")
# After a change the worker renders the whole catalogue's PDF into the cache, so no visitor
# waits for it. Only useful when the worker and the web processes share the cache (Redis).
CATALOG_PDF_PRERENDER = env_bool("CATALOG_PDF_PRERENDER", bool(REDIS_URL))
# Seconds the worker waits after a change before rendering: edits in a row share one render.
CATALOG_PDF_PRERENDER_DELAY = env_int("CATALOG_PDF_PRERENDER_DELAY", 60)
KPSS_PDF_RENDER_SLOTS = env_int("KPSS_PDF_RENDER_SLOTS", 1)
KPSS_PAGE_CACHE_SECONDS = env_int("KPSS_PAGE_CACHE_SECONDS", 600)
# bench/pages.py: a trivial view through the same middleware, the floor of every page
BENCH_FLOOR_VIEW = env_bool("BENCH_FLOOR_VIEW", False)
KPSS_PAGE_CACHE_SHARED_MAX_AGE = env_int("KPSS_PAGE_CACHE_SHARED_MAX_AGE", 60)
# --- Working groups and meetings (kpss_pages.groups) ---------------------------------------
# Personal data of meeting registrants is deleted this many days after the meeting
# (`manage.py purge_registrations`, run daily); the counts are kept.
KPSS_REGISTRATION_RETENTION_DAYS = env_int("KPSS_REGISTRATION_RETENTION_DAYS", 30)
# --- News and newsletter (kpss_pages.news) -------------------------------------------------
# Days a confirmation link stays valid, and after which unconfirmed addresses are purged.
NEWS_CONFIRM_LINK_DAYS = env_int("NEWS_CONFIRM_LINK_DAYS", 3)
NEWS_UNCONFIRMED_DAYS = env_int("NEWS_UNCONFIRMED_DAYS", 7)
# Tag slugs without diacritics ("setkání" → "setkani") for readable addresses.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Content-Security-Policy (django-csp) on every public page: the site needs no inline
# script or style and no third-party resource, so a script injected through content or
# data cannot run and nothing can be loaded from elsewhere. The Wagtail admin (its own
# inline scripts and styles) is excluded; it is behind a login and its pages are not
# public.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
