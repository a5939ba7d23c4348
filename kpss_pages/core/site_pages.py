"""Page look-ups scoped to the current site: with several sites in one Wagtail (e.g. two
towns), "the catalogue", "the harmonogram" or "the plan index" is the one of the site the
visitor is on, never the first such page anywhere in the tree."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site, get_page_models

from .page_cache.fragments import cached_fragment
from .page_queries import pages


def current_site(request=None, page=None):
    """The site of ``request`` (its host), else the site of ``page``, else the default."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None and page is not None:
        site = page.get_site()
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


def site_pages(model, request=None, page=None):
    """Live, public pages of ``model`` within the current site (none without a site)."""
    pages = model.objects.live().public()
    site = current_site(request, page)
    if site is None:
        return pages.none()
    return pages.descendant_of(site.root_page, inclusive=True)


def section_types():
    """Page types a site has one of and other pages link to (``kpss_site_section = True``):
    the catalogue, the harmonogram, the plan index, the news index, the groups' index."""
    return [model for model in get_page_models() if getattr(model, "kpss_site_section", False)]


def _sections(request, page):
    """The first page of every section type in the site, read in one query once per
    content change (kept under the content generation like the furniture; the home page
    links to four of them, every group page to the harmonogram). Their own fields are
    deferred: links need only the title and the address."""
    site = current_site(request, page)
    if site is None:
        return []
    cached = getattr(request, "_kpss_sections", None)
    if cached is not None and cached[0] == site.pk:
        return cached[1]

    def read():
        types = ContentType.objects.get_for_models(*section_types()).values()
        return list(
            pages()
            .live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .filter(content_type__in=types)
            .order_by("path")
            .specific(defer=True)
        )

    found = cached_fragment(request, "site-sections", (site.pk,), read)
    request._kpss_sections = (site.pk, found)
    return found


def first_site_page(model, request=None, page=None):
    """The first (in tree order) live, public page of ``model`` in the current site."""
    if request is not None and getattr(model, "kpss_site_section", False):
        return next((s for s in _sections(request, page) if isinstance(s, model)), None)
    return site_pages(model, request, page).order_by("path").first()
