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
from django.template.response import TemplateResponse

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


# How long a render may hold its slot; a worker killed while rendering frees it by then.
RENDER_SLOT_SECONDS = 120


class PdfBusy(Exception):
    """Every PDF rendering slot is taken (or this client already waits for one)."""


def cached_pdf(cache_key_parts, template_name, context_factory, request=None):
    """Return PDF bytes from the cache or render them; ``context_factory`` runs on a miss.

    A render costs seconds of CPU, so anonymous visitors share a few rendering slots
    (``KPSS_PDF_RENDER_SLOTS``, one per client at a time): a burst of distinct PDFs cannot
    take every web worker away from the pages. Without a free slot ``PdfBusy`` is raised
    (``pdf_view_response`` answers 503 with Retry-After). Staff and the background worker
    (no request) are not limited."""
    digest = hashlib.sha256("|".join(map(str, cache_key_parts)).encode()).hexdigest()
    key = f"pdf:{template_name}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        with _render_slot(request):
            pdf = cache.get(key)  # rendered by another request while this one waited
            if pdf is None:
                pdf = render_pdf(template_name, context_factory(), request=request)
                cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


class _render_slot:
    def __init__(self, request):
        user = getattr(request, "user", None)
        self.limited = request is not None and not (user and user.is_authenticated)
        self.request, self.taken = request, []

    def __enter__(self):
        if not self.limited:
            return self
        from .public_forms import client_ip

        client_key = f"kpss:pdf-render:client:{client_ip(self.request)}"
        if not cache.add(client_key, 1, RENDER_SLOT_SECONDS):
            raise PdfBusy
        self.taken.append(client_key)
        slots = max(1, int(getattr(settings, "KPSS_PDF_RENDER_SLOTS", 1)))
        for number in range(slots):
            slot_key = f"kpss:pdf-render:slot:{number}"
            if cache.add(slot_key, 1, RENDER_SLOT_SECONDS):
                self.taken.append(slot_key)
                return self
        self.__exit__()
        raise PdfBusy

    def __exit__(self, *exc):
        cache.delete_many(self.taken)
        self.taken = []
        return False


def pdf_view_response(request, make_pdf, filename, inline=True):
    """The response of a public PDF view: the PDF, or (every rendering slot taken) a short
    Czech page asking to try again in a moment, with status 503 and Retry-After."""
    try:
        pdf = make_pdf()
    except PdfBusy:
        response = TemplateResponse(request, "kpss/pdf_busy.html", {"retry_after": 10}, status=503)
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        return response
    return pdf_response(pdf, filename, inline=inline)


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
