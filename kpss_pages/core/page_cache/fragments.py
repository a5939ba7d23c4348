"""Parts of a page kept under the content generation, like the furniture: HTML that depends
only on the content (an empty public form, a group's list of services) is rendered once
per change instead of on every page rendered anew (a visitor with a query string, a
logged-in editor). A change of anything public replaces the generation, so a fragment is
never older than the content."""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.utils.translation import get_language

from ..conf import kpss_settings
from . import generation

# A key that names the generation is never stored again with another value, so each
# process also keeps the latest of them in its own memory: a page rendered anew reads a
# dozen such values (menu, sections, feeds, forms, the site), each a round trip to Redis
# (0.1-0.2 ms apiece with the client's work, a tenth of a whole page cache hit).
# Pickled, so that no request changes another's objects; at most a minute, so that what
# changes with time alone (a service's validity) stays as fresh as the shared cache keeps it.
LOCAL_ENTRIES = 512
LOCAL_SECONDS = 60
_local = OrderedDict()
_local_lock = threading.Lock()


def kept(key, compute, seconds):
    """``compute()``'s value under ``key``, a key that contains the content generation:
    from this process's memory, else the shared cache, else computed and stored in both."""
    shared = generation.cache_is_shared()
    if shared:
        now = time.monotonic()
        with _local_lock:
            hit = _local.get(key)
        if hit is not None and hit[0] > now:
            return pickle.loads(hit[1])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    if shared:
        entry = (now + min(seconds, LOCAL_SECONDS), pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        with _local_lock:
            _local[key] = entry
            _local.move_to_end(key)
            while len(_local) > LOCAL_ENTRIES:
                _local.popitem(last=False)
    return value


def forget_local():
    """Empty this process's memory of kept values (tests)."""
    with _local_lock:
        _local.clear()


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
    return kept(key, render, seconds)
