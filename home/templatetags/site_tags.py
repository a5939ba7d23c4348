"""Template helpers for the reference site's furniture (main navigation, breadcrumbs)."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.specific if site else None


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    root = site_root(context)
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    items = []
    for item in root.get_children().live().public().in_menu() if root else []:
        # "page" marks the page itself, "true" a section the current page lies in.
        if item.path == current_path:
            current = "page"
        elif current_path.startswith(item.path):
            current = "true"
        else:
            current = ""
        items.append((item, current))
    return {
        "root": root,
        "items": items,
        "root_current": root is not None and current_path == root.path,
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gt=1).live()
    return {"ancestors": ancestors, "page": page}
