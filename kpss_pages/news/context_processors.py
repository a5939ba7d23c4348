"""Feed autodiscovery on every page (``alternate_links`` in base.html's head)."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from kpss_pages.core.page_cache import generation
from kpss_pages.core.page_cache.fragments import kept


def _feed_links(request):
    from .models import NewsIndexPage

    site = Site.find_for_request(request)
    if site is None:
        return []

    def links():
        index = NewsIndexPage.objects.live().public().descendant_of(site.root_page).first()
        return index.feed_links() if index else []

    # the same on every page until content changes (the page cache's generation)
    return kept(f"kpss:feeds:{generation.current(request)}:{site.pk}", links, 86400)


def feeds(request):
    return {"alternate_links": SimpleLazyObject(lambda: _feed_links(request))}
