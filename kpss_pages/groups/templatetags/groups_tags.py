"""Template helpers of the working groups: schedule lines."""

from django import template
from django.utils import formats
from django.utils.timezone import localtime

register = template.Library()


@register.filter
def schedule_line(meeting):
    """Seed 000 style: "2. 8. 9:00 – 11:00" (the group label is added by the template)."""
    start, end = localtime(meeting.start), localtime(meeting.end)
    text = f"{start.day}. {start.month}. {formats.time_format(start, 'G:i')} – "
    if end.date() != start.date():
        text += f"{end.day}. {end.month}. "
    return text + formats.time_format(end, "G:i")
