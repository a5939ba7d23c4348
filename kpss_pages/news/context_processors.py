"""Feed autodiscovery on every page (``alternate_links`` in base.html's head)."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _feed_links(request):
    from .models import NewsIndexPage

    site = Site.find_for_request(request)
    if site is None:
        return []
    index = NewsIndexPage.objects.live().public().descendant_of(site.root_page).first()
    return index.feed_links() if index else []


def feeds(request):
    return {"alternate_links": SimpleLazyObject(lambda: _feed_links(request))}
