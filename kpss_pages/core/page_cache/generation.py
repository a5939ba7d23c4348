"""The content generation: a token that every cached page's key contains. Any change to
what a public page may show replaces it (after the change is committed), so every cached
page becomes unreachable at once and the next request renders the page again.

Changing one token for every change is coarse but exact: a town's content changes a few
times a day, and nothing has to know which pages show which data (a seat count, a service
in a block, a setting in the footer)."""

import uuid

from django.core.cache import cache, caches
from django.db import transaction

CACHE_KEY = "kpss:page-cache:generation"


def cache_is_shared():
    """True when the default cache is one store for every process (Redis, Memcached,
    database), False for Django's per-process memory cache (and the dummy cache)."""
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def current(request=None):
    """The token now; read once per request when the request is given."""
    if request is not None:
        token = getattr(request, "_kpss_generation", None)
        if token is None:
            token = request._kpss_generation = _read()
        return token
    return _read()


def _read():
    if cache_is_shared():
        return cache.get_or_set(CACHE_KEY, uuid.uuid4().hex, None)
    from ..models import PageCacheGeneration

    token = PageCacheGeneration.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = PageCacheGeneration.objects.get_or_create(
            pk=1, defaults={"token": uuid.uuid4().hex}
        )[0].token
    return token


def bump():
    """Replace the token. In the database the new token commits with the change itself.
    In a shared cache it is replaced at once and again after the commit: a page rendered
    from the data before the change and stored in between is then out of reach too."""
    if cache_is_shared():
        _replace()
        transaction.on_commit(_replace, robust=True)
        return
    from ..models import PageCacheGeneration

    token = uuid.uuid4().hex
    if not PageCacheGeneration.objects.filter(pk=1).update(token=token):
        PageCacheGeneration.objects.get_or_create(pk=1, defaults={"token": token})


def _replace():
    cache.set(CACHE_KEY, uuid.uuid4().hex, None)
