"""Server-side PDF rendering shared by the catalogue and the plan (WeasyPrint).

Produces tagged, A4, Czech-language PDF/UA documents from ordinary Django templates, and
caches the bytes under a key that the caller derives from what the document contains
(e.g. the newest modification time), so a change invalidates it without explicit purges.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_CACHE_SECONDS = 7 * 24 * 3600


def render_pdf(template_name, context, request=None):
    """Render ``template_name`` (HTML with print CSS) to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request else settings.WAGTAILADMIN_BASE_URL
    return HTML(string=html, base_url=base_url, url_fetcher=_local_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_tags=True,  # /Lang comes from <html lang="cs">
    )


def cached_pdf(cache_key_parts, template_name, context_factory, request=None):
    """Return PDF bytes from the cache or render them; ``context_factory`` runs on a miss."""
    digest = hashlib.sha256("|".join(map(str, cache_key_parts)).encode()).hexdigest()
    key = f"pdf:{template_name}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(template_name, context_factory(), request=request)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def pdf_response(pdf_bytes, filename, inline=True):
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _local_fetcher():
    """A fetcher that maps /static/ URLs to local files and refuses anything remote, so a
    PDF never depends on the network (and cannot be made to fetch arbitrary URLs)."""
    from weasyprint.urls import URLFetcher

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            static_url = settings.STATIC_URL
            path = url.split("://", 1)[1] if "://" in url else url
            path = path[path.find("/") :] if url.startswith(("http://", "https://")) else path
            if url.startswith(("http://", "https://")) and path.startswith(static_url):
                found = finders.find(path[len(static_url) :])
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            if url.startswith(("file:", "data:")):
                return super().fetch(url, headers)
            raise ValueError(f"PDF rendering does not fetch remote resources: {url}")

    return LocalStaticFetcher(allowed_protocols={"file", "data"})
