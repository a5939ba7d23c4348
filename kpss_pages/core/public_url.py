"""The site's public address. Every absolute URL the plugin set produces (e-mails, calendar
feeds, RSS/Atom, JSON and HSDS exports, PDFs) is built here, from Wagtail's setting
``WAGTAILADMIN_BASE_URL`` (the reference site reads it from the ``BASE_URL`` environment
variable), never from the host name of Wagtail's Site record or of the current request:
a worker has no request, and behind a proxy the Site record often says ``localhost``.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page


def base_url():
    """``https://kpss.mesto.cz`` (no trailing slash)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(target, request=None):
    """The public absolute URL of a page or of a site-relative path (``/odber/…``);
    ``None`` for a page that is not routable (not under any site's root). Pass the
    ``request`` when there is one: Wagtail then reads the sites' root paths once per
    request instead of from the cache for every page (a feed of 20 items)."""
    if isinstance(target, Page):
        parts = target.get_url_parts(request)
        if parts is None:
            return None
        target = parts[2]
    if not target.startswith("/"):
        return target  # already absolute
    return base_url() + target


_RELATIVE_LINK = re.compile(r"""(\s(?:href|src)\s*=\s*["'])/(?!/)""", re.IGNORECASE)


def absolutize_links(html):
    """HTML whose site-relative links (``href="/…"``, ``src="/…"``, e.g. from rich text with
    internal page and document links) point to the public address, for e-mails, which a
    mail client opens outside the site."""
    return _RELATIVE_LINK.sub(lambda m: m.group(1) + base_url() + "/", html)


def site_address():
    """(hostname, port) that Wagtail's Site record must have for ``BASE_URL``: Wagtail
    builds its own links (the admin's "view live", the sitemap) from the Site record, and
    routes requests by it."""
    parts = urlsplit(base_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "", parts.port or default_port
