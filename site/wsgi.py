"""WSGI entry point: `gunicorn kpss_site.wsgi` (production settings unless told otherwise)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss_site.settings.production")

application = get_wsgi_application()
