"""Page look-ups scoped to the current site: with several sites in one Wagtail (e.g. two
towns), "the catalogue", "the harmonogram" or "the plan index" is the one of the site the
visitor is on, never the first such page anywhere in the tree."""

from wagtail.models import Site


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


def first_site_page(model, request=None, page=None):
    """The first (in tree order) live, public page of ``model`` in the current site."""
    return site_pages(model, request, page).order_by("path").first()
