"""Template helpers of the working groups: schedule lines, calendar links."""

from django import template
from django.utils.timezone import localtime

from kpss_pages.core.czech_dates import clock
from kpss_pages.core.public_url import absolute_url

register = template.Library()


@register.filter
def schedule_line(meeting):
    """Seed 000 style: "2. 8. 9:00 – 11:00" (the group label is added by the template)."""
    start, end = localtime(meeting.start), localtime(meeting.end)
    text = f"{start.day}. {start.month}. {clock(start)} – "
    if end.date() != start.date():
        text += f"{end.day}. {end.month}. "
    return text + clock(end)


@register.filter
def time_range(meeting):
    """The times of a meeting in the month grid, where the day is the cell's: 9:00–11:00."""
    start, end = localtime(meeting.start), localtime(meeting.end)
    text = clock(start) + "–"
    if end.date() != start.date():
        text += f"{end.day}. {end.month}. "
    return text + clock(end)


@register.inclusion_tag("kpss_groups/includes/calendar_links.html")
def calendar_links(feed_path, label):
    """A calendar feed as a download and as a subscription (``webcal://``, which calendar
    apps open to subscribe, so later changes arrive by themselves), with a short Czech
    guide for Google, Outlook and Apple calendars, which need the https address."""
    address = absolute_url(feed_path)
    scheme, _sep, rest = address.partition("://")
    return {
        "feed_path": feed_path,
        "address": address,
        "webcal": f"webcal://{rest}" if scheme in ("http", "https") else address,
        "label": label,
    }
