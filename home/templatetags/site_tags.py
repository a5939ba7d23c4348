"""Template helpers for the reference site's furniture (main navigation, breadcrumbs)."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page, Site

from kpss_pages.core import routing
from kpss_pages.core.page_cache import generation
from kpss_pages.core.page_cache.fragments import kept
from kpss_pages.core.page_queries import children

# The furniture (header, menu, footer) changes only with content, so it is kept under the
# page cache's content generation: a page rendered anew (a miss, a logged-in editor) does
# not query the menu, the settings and the logo again.
FURNITURE_SECONDS = 24 * 3600

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.specific if site else None


@register.simple_tag(takes_context=True)
def furniture_key(context):
    """Key part for ``{% cache %}`` of the furniture: content generation, site, language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return f"{generation.current(request)}:{site.pk if site else 0}:{get_language()}"


def _menu(site):
    """``(root, items)`` as ``(title, url, path)``: the site root and its live public
    children shown in menus."""
    root = site.root_page
    items = children(root).live().public().in_menu()
    return (
        (root.title, root.relative_url(site), root.path),
        [(item.title, item.relative_url(site), item.path) for item in items],
    )


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"root": None}
    key = f"kpss:menu:{generation.current(request)}:{site.pk}"
    root, items = kept(key, lambda: _menu(site), FURNITURE_SECONDS)
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    marked = []
    for title, url, path in items:
        # "page" marks the page itself, "true" a section the current page lies in.
        if path == current_path:
            current = "page"
        elif current_path.startswith(path):
            current = "true"
        else:
            current = ""
        marked.append((title, url, current))
    return {
        "root": root,
        "items": marked,
        "root_current": current_path == root[2],
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail; with the request, so that each link's ``pageurl`` uses the sites' root
    paths Wagtail keeps on the request instead of reading them from the cache again."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page, "request": request}
    return {"ancestors": routing.ancestors(request, page), "page": page, "request": request}
