"""Template helpers for every form the site renders itself (public forms and the few
custom admin screens): widgets linked to their help text and errors for screen readers."""

from django import template

register = template.Library()

CHOICE_GROUPS = {"radioselect", "checkboxselectmultiple"}


@register.simple_tag
def field_widget(field):
    """The widget with aria-describedby pointing at its errors (first, so they are read
    first) and help text, and aria-invalid when the value was refused."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}-errors")
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_honeypot(field):
    return getattr(field.field, "is_honeypot", False)


@register.filter
def is_choice_group(field):
    """Radio buttons and multiple checkboxes are a group: a fieldset with a legend."""
    return field.widget_type in CHOICE_GROUPS
