"""Formatting filters every plugin template uses: Czech date-time ranges, elided page lists."""

from django import template
from django.utils import formats
from django.utils.timezone import localtime

register = template.Library()


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


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The query string of page ``number``: from ``pagination_query`` when the view gives
    one (the recognised parameters only, e.g. a cached list), else from the request."""
    base = context.get("pagination_query")
    if base is None:
        base = context["request"].GET
    query = base.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def elided_pages(page_obj):
    """Page numbers around the current page and at both ends, ``None`` for a gap: a
    national catalogue has hundreds of pages and a link to each would be unusable."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
