"""Parts of a page kept under the content generation, like the furniture: HTML that depends
only on the content (an empty public form, a group's list of services) is rendered once
per change instead of on every page rendered anew (a visitor with a query string, a
logged-in editor). A change of anything public replaces the generation, so a fragment is
never older than the content."""

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from ..conf import kpss_settings
from . import generation


def cached_fragment(request, name, parts, render):
    """``render()``'s HTML (or another value that depends only on the content, such as the
    ids of the pages with a video in sign language), kept under ``name``, the generation,
    the language and ``parts`` (everything else the HTML depends on). As long as a cached
    page at most (``KPSS_PAGE_CACHE_SECONDS``: what changes with time alone, such as a service's
    validity, is as fresh as the pages); not kept when the page cache is off."""
    seconds = kpss_settings.KPSS_PAGE_CACHE_SECONDS
    if seconds <= 0:
        return render()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"kpss:fragment:{name}:{generation.current(request)}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, seconds)
    return html
