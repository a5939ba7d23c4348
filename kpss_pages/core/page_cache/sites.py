"""The request's Wagtail site, kept under the content generation.

Wagtail looks the site up in the database on every request (``Site.find_for_request``: a
query with a CASE over the host and port) and keeps it on the request only. Sites change
only when an editor saves one, which replaces the generation like any other change, so the
page cache's middleware hands Wagtail the site it found before for the same host and port
(``request._wagtail_site``, where Wagtail looks first), with its root page's specific
object, where Wagtail's routing starts."""

from django.http.request import split_domain_port
from wagtail.models import Site

from ..conf import kpss_settings
from . import generation
from .fragments import kept


def remember_site(request):
    seconds = kpss_settings.KPSS_PAGE_CACHE_SECONDS
    if seconds <= 0 or hasattr(request, "_wagtail_site"):
        return
    # the host and port exactly as Site._find_for_request reads them
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = f"kpss:site:{generation.current(request)}:{hostname}:{port}"
    site = kept(key, lambda: _find(request), seconds)
    request._wagtail_site = site or None


def _find(request):
    site = Site._find_for_request(request)
    if site is None:
        return False  # kept as "no site"; None would be read as not kept
    # Wagtail's serve view starts routing at the root page's specific object: kept with it.
    site.root_page = site.root_page.specific
    return site
