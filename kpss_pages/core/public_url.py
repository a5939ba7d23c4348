"""The site's public address. Every absolute URL the plugin set produces (e-mails, calendar
feeds, RSS/Atom, JSON and HSDS exports, PDFs) is built here, from Wagtail's setting
``WAGTAILADMIN_BASE_URL`` (the reference site reads it from the ``BASE_URL`` environment
variable), never from the host name of Wagtail's Site record or of the current request:
a worker has no request, and behind a proxy the Site record often says ``localhost``.
"""

from django.conf import settings
from wagtail.models import Page


def base_url():
    """``https://kpss.mesto.cz`` (no trailing slash)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(target):
    """The public absolute URL of a page or of a site-relative path (``/odber/…``);
    ``None`` for a page that is not routable (not under any site's root)."""
    if isinstance(target, Page):
        parts = target.get_url_parts()
        if parts is None:
            return None
        target = parts[2]
    if not target.startswith("/"):
        return target  # already absolute
    return base_url() + target
