"""Test settings: fast hashing, in-memory e-mail, tasks run immediately."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
# Production-like (DEBUG off), but the tests build the demo site (manage.py load_demo).
KPSS_DEMO_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A new dict: mutating base's STORAGES would leak into any module that imports base.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Immediate tasks would render a PDF after every saved service; its own tests switch it on.
CATALOG_PDF_PRERENDER = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405

# Several checkouts (git worktrees) may test on one PostgreSQL server at once: each names
# its own test database (TEST_DATABASE_NAME), otherwise Django's default test_<name>.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    _test_name = env_str("TEST_DATABASE_NAME", "")
    if _test_name:
        DATABASES["default"]["TEST"] = {"NAME": _test_name}  # noqa: F405

# A file, not an in-memory database, so the browser tests' live server thread sees the
# same data as the test through its own connection.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # serve from the finders; tests never run collectstatic
