"""Formatting filters every plugin template uses: Czech date-time ranges, elided page lists."""

from django import template

from .. import czech_dates, routing

register = template.Library()


@register.filter
def time_range(start, end=None):
    """Czech date-time range: "2. 8. 2024, 9:00–11:00" (en dash, no spaces)."""
    return czech_dates.date_time_range(start, end)


@register.filter
def czech_date(value):
    """A date (not a date-time) as ``date:"j. n. Y"`` writes it: "3. 12. 2026", without
    parsing a format and looking up the locale for each value (lists of articles)."""
    return czech_dates.czech_date(value) if value else ""


@register.filter
def iso_date(value):
    """A date (not a date-time) as ``date:"Y-m-d"`` writes it, for ``<time datetime>``."""
    return value.isoformat() if value else ""


@register.filter
def czech_datetime(value):
    """A date-time, local: "2. 8. 2024, 9:00"; empty for no value."""
    return czech_dates.czech_datetime(value) if value else ""


@register.simple_tag(takes_context=True)
def page_ancestors(context, page):
    """``page``'s ancestors below the tree's root, as the routing loaded them for this
    request (no query), for breadcrumbs of a page's sub-pages."""
    return routing.ancestors(context.get("request"), page)


@register.filter
def table_wide(data):
    """Whether a table's rows have more columns than fit a phone (``blocks.table_is_wide``)."""
    from ..blocks import table_is_wide

    return table_is_wide(data)


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
