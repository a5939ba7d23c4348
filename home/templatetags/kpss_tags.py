"""Template helpers for site furniture (navigation, dates)."""

from django import template
from django.utils import formats
from django.utils.timezone import localtime
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


@register.filter
def time_range(start, end=None):
    """Czech date-time range: "2. 8. 2024, 9:00–11:00" (en dash, no spaces)."""
    start = localtime(start)
    text = f"{formats.date_format(start, 'j. n. Y')}, {formats.time_format(start, 'G:i')}"
    if end:
        end = localtime(end)
        if end.date() == start.date():
            text += f"–{formats.time_format(end, 'G:i')}"
        else:
            text += f" – {formats.date_format(end, 'j. n. Y')}, {formats.time_format(end, 'G:i')}"
    return text


@register.filter
def elided_pages(page_obj):
    """Page numbers around the current page and at both ends, ``None`` for a gap: a
    national catalogue has hundreds of pages and a link to each would be unusable."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
