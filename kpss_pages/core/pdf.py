"""Server-side PDF rendering shared by the catalogue and the plan (WeasyPrint).

Produces tagged, A4, Czech-language PDF/UA documents from ordinary Django templates, and
caches the bytes under a key that the caller derives from what the document contains
(e.g. the newest modification time), so a change invalidates it without explicit purges.
"""

import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string

from .public_url import base_url as public_base_url

PDF_CACHE_SECONDS = 7 * 24 * 3600


def render_pdf(template_name, context, request=None):
    """Render ``template_name`` (HTML with print CSS) to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    # The public address, not the request's host: a cached PDF is shared by every visitor
    # and the worker renders it without a request.
    base_url = public_base_url() + "/"
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
    """A fetcher that reads ``/static/`` URLs through the static-files storage in use and
    ``/media/`` URLs through the default storage, and refuses everything else (other hosts,
    ``file:``), so a PDF never depends on the network, cannot be made to read arbitrary
    files, and looks the same in development (finders) and production (collectstatic with
    hashed names, WhiteNoise)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(("http://", "https://")):
                path = unquote(urlsplit(url).path)
                for prefix, reader in (
                    (settings.STATIC_URL, _read_static),
                    (settings.MEDIA_URL, _read_media),
                ):
                    if prefix and path.startswith(prefix):
                        body = reader(path[len(prefix) :])
                        if body is not None:
                            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
                            return URLFetcherResponse(
                                url, body=body, headers={"Content-Type": mime}
                            )
            raise ValueError(f"PDF rendering fetches only this site's static files: {url}")

    return LocalStaticFetcher(allowed_protocols={"data"})


def _read_static(name):
    """The bytes of a static file named as ``{% static %}`` names it: a hashed name after
    collectstatic (ManifestStaticFilesStorage, WhiteNoise), a plain one in development."""
    if ".." in name.split("/"):
        return None
    storage = staticfiles_storage
    try:
        if storage.exists(name):
            with storage.open(name) as handle:
                return handle.read()
    except (OSError, ValueError, SuspiciousFileOperation):
        pass
    # Not collected (development, tests): the finders know the original name; a hashed
    # name is mapped back to it through the manifest.
    original = {v: k for k, v in getattr(storage, "hashed_files", {}).items()}.get(name, name)
    found = finders.find(original)
    if found:
        return Path(found).read_bytes()
    return None


def _read_media(name):
    """An uploaded image (e.g. a rendition in a chapter) from the default storage."""
    if ".." in name.split("/"):
        return None
    try:
        with default_storage.open(name) as handle:
            return handle.read()
    except (OSError, ValueError, SuspiciousFileOperation):
        return None
