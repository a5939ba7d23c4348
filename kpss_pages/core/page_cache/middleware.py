"""Full-page cache for anonymous visitors (README: *Page cache*).

A response is kept in the default cache (Redis in production, shared by every worker and
server) under a key made of the content generation, the scheme, host, language, path and
the recognised query parameters. Any change to what a public page may show replaces the
generation (``invalidation.py``), so no visitor sees a page older than the last change.

Placed after Django's CSRF, authentication and messages middleware. Pages with forms are
cached too: the CSRF token of the visitor who filled the cache is replaced by a placeholder
when stored and by the current visitor's own token when served, so no visitor ever gets
another's token. Logged-in users, visitors with a session or pending messages, previews,
responses that set cookies, show messages or forbid caching are never cached."""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from ..conf import kpss_settings
from . import generation
from .sites import remember_site

# Every parameter a page of the plugin set or the reference site reads; a request with any
# other parameter (tracking tags, junk) is answered without the cache, so such parameters
# cannot fill the cache with copies of a page.
QUERY_PARAMS = (
    "page",
    "q",
    "skupina",
    "stav",
    "druh",
    "forma",
    "cilova",
    "obec",
    "stitek",
    "razeni",
    "potvrzeno",
    "prihlaska",
    "registrace",
    "typ",
    "mesic",
)
MAX_QUERY_LENGTH = 512
MAX_BODY_BYTES = 2 * 1024 * 1024
CSRF_INPUT_RE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"kpss-csrf-token-placeholder"
NOT_STORED_HEADERS = {"set-cookie", "date", "content-length", "vary"}
HEADER = "X-KPSS-Cache"


def _setting(name, default):
    return getattr(settings, name, default)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            self.remember_site(request)
            response = self.get_response(request)
            if _is_logged_in(request) and not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        entry = cache.get(key)
        if entry is not None:
            return self.from_entry(request, entry)
        self.remember_site(request)
        response = self.get_response(request)
        entry = self.entry_for(request, response)
        if entry is not None:
            cache.set(key, entry, kpss_settings.KPSS_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
            return _not_modified(request, entry) or response
        return response

    def remember_site(self, request):
        """Wagtail's site for a request that is rendered (not for one served from the cache)."""
        if not request.path.startswith(_admin_prefix()):
            remember_site(request)

    # --- which requests and responses ------------------------------------------------------
    def cache_key(self, request):
        if request.method != "GET" or kpss_settings.KPSS_PAGE_CACHE_SECONDS <= 0:
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        if request.path.startswith(_admin_prefix()):
            return None
        query = request.META.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY_LENGTH:
            return None
        allowed = set(_setting("KPSS_PAGE_CACHE_QUERY_PARAMS", QUERY_PARAMS))
        if any(name not in allowed for name in request.GET):
            return None
        params = sorted(
            (name, value) for name in request.GET for value in request.GET.getlist(name)
        )
        text = "|".join(
            [
                generation.current(request),
                request.scheme,
                request.get_host(),
                get_language() or "",
                request.path,
                repr(params),
            ]
        )
        return "kpss:page:" + hashlib.sha256(text.encode()).hexdigest()

    def entry_for(self, request, response):
        if (
            response.status_code != 200
            or response.streaming
            or len(response.content) > MAX_BODY_BYTES
            or response.cookies
            or _is_logged_in(request)
            or _showed_messages(request)
            or _forbids_caching(response)
            or getattr(request, "is_preview", False)
        ):
            return None
        content = response.content
        has_form_token = bool(CSRF_INPUT_RE.search(content))
        if has_form_token:
            # one visitor's token must never reach another visitor or a shared proxy
            patch_cache_control(response, private=True, max_age=0)
            content = CSRF_INPUT_RE.sub(rb"\1" + PLACEHOLDER + rb"\2", content)
        else:
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=kpss_settings.KPSS_PAGE_CACHE_SHARED_MAX_AGE,
            )
            if not response.has_header("ETag"):
                digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
                response["ETag"] = f'"{digest}"'
        return {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_STORED_HEADERS
            ],
            "content": content,
            "form_token": has_form_token,
            "etag": response.get("ETag") if not has_form_token else None,
        }

    def from_entry(self, request, entry):
        not_modified = _not_modified(request, entry)
        if not_modified:
            return not_modified
        content = entry["content"]
        if entry["form_token"]:
            content = content.replace(PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "hit"
        return response


def _not_modified(request, entry):
    etag = entry.get("etag")
    if etag and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        for name, value in entry["headers"]:
            if name.lower() == "cache-control":
                response[name] = value
        return response
    return None


def _is_logged_in(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def _showed_messages(request):
    storage = getattr(request, "_messages", None)
    return bool(storage and (storage.used or storage._queued_messages))


def _forbids_caching(response):
    value = response.get("Cache-Control", "").lower()
    return any(word in value for word in ("private", "no-store", "no-cache"))


def _admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:  # a host without Wagtail's admin URLs
        return "/admin/"
