"""``{% accessibility_statement page %}``: the part of the accessibility statement that
the decree 78/2020 Sb. prescribes, generated from the site's settings (compliance,
non-accessible content, date and method of the assessment, contact, enforcement), so the
statement says what the site actually is. Renders nothing on other pages."""

from django import template

from ..models import KpssSettings

register = template.Library()


@register.inclusion_tag("kpss/accessibility_statement.html", takes_context=True)
def accessibility_statement(context, page):
    request = context.get("request")
    settings = KpssSettings.for_request(request) if request is not None else None
    show = bool(
        settings
        and settings.accessibility_compliance
        and page is not None
        and settings.accessibility_page_id == page.pk
    )
    return {"settings": settings, "show": show, "request": request}
