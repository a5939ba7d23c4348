"""Template helpers for every form the site renders itself (public forms and the few
custom admin screens): widgets linked to their help text and errors for screen readers."""

from django import template
from django.template.loader import render_to_string

from ..page_cache.fragments import cached_fragment

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


@register.simple_tag(takes_context=True)
def form_fields(context, form, prefix="form", key=""):
    """The error summary and the fields of a public form ("kpss/forms/fields.html"). An
    empty form looks the same to every visitor, so its HTML is kept under the content
    generation (``key`` tells apart forms of the same class, e.g. each survey's page)."""

    def render():
        return render_to_string(
            "kpss/forms/fields.html", {"form": form, "prefix": prefix}, context.get("request")
        )

    if form.is_bound:
        return render()
    parts = (
        type(form).__module__,
        type(form).__qualname__,
        prefix,
        str(key),
        form.prefix,
        sorted((name, repr(value)) for name, value in form.initial.items()),
        [(name, repr(field.initial)) for name, field in form.fields.items()],
    )
    return cached_fragment(context.get("request"), "form", parts, render)
