"""Template helpers of the working groups: accessible form fields, schedule lines."""

from django import template
from django.utils import formats
from django.utils.timezone import localtime

register = template.Library()


@register.simple_tag
def field_widget(field):
    """Render the widget with aria-describedby pointing at its help text and errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-errors")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and field.widget_type != "checkbox":
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.filter
def schedule_line(meeting):
    """Seed 000 style: "2. 8. 9:00 – 11:00" (the group label is added by the template)."""
    start, end = localtime(meeting.start), localtime(meeting.end)
    text = f"{start.day}. {start.month}. {formats.time_format(start, 'G:i')} – "
    if end.date() != start.date():
        text += f"{end.day}. {end.month}. "
    return text + formats.time_format(end, "G:i")
