"""``contact_links``: every e-mail address and phone number in a text becomes a link.

One filter for every contact on public pages, whether a single field
(``{{ service.phone|contact_links }}``) or rich text
(``{{ page.contact|richtext|contact_links }}``): an address gets ``mailto:``, a Czech or
international phone number ``tel:`` with its digits only (a leading ``+`` or ``00`` kept as
``+``). Text that is already a link, and the inside of tags, is left alone.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}"
GAP = r"(?:[ \u00a0]|&nbsp;|&#160;)"
# +420 555 000 101, 00420 555000101, 555 000 101, 555 00 01 01: nine digits after an
# optional country code, never part of a longer number ("1 480 000 000 Kč").
PHONE = (
    rf"(?:(?:\+|00)\d{{3}}{GAP}?)?\d{{3}}{GAP}?"
    rf"(?:\d{{3}}{GAP}?\d{{3}}|\d{{2}}{GAP}?\d{{2}}{GAP}?\d{{2}})"
)
CONTACT = re.compile(
    rf"(?P<email>(?<![\w.+-]){EMAIL}(?![\w-]))"
    rf"|(?P<phone>(?<![\w+/.,-])(?<!\d[ \u00a0])(?<!\d&nbsp;){PHONE}"
    rf"(?![\w/-])(?!{GAP}\d)(?![.,]\d))",
    re.IGNORECASE,
)
TAG = re.compile(r"(<[^>]*>)")
# A phone field holding a number in another format ("800 12 34", "+49 30 1234567").
WHOLE_PHONE = re.compile(r"\+?\d[\d \u00a0()/-]{4,}\d")


LINK_TAG = re.compile(r"<(/?)a[\s>]", re.IGNORECASE)


def tel_url(number):
    """``tel:`` with the digits only; an international prefix (``+`` or ``00``) as ``+``."""
    digits = re.sub(r"\D", "", number.replace("&#160;", " "))
    if number.startswith("+"):
        return "tel:+" + digits
    if number.startswith("00"):
        return "tel:+" + digits[2:]
    return "tel:" + digits


def _link(match):
    if match.group("email"):
        address = match.group("email")
        return f'<a href="mailto:{address}">{address}</a>'
    number = match.group("phone")
    return f'<a href="{tel_url(number)}">{number}</a>'


@register.filter(is_safe=True)
def contact_links(value):
    """Escape ``value`` unless it is safe HTML, then link its e-mails and phone numbers."""
    if value in (None, ""):
        return ""
    if not hasattr(value, "__html__") and WHOLE_PHONE.fullmatch(str(value).strip()):
        number = str(value).strip()
        return format_html('<a href="{}">{}</a>', tel_url(number), number)
    html = str(conditional_escape(value))
    out, inside_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            tag = LINK_TAG.match(part)
            if tag:
                inside_link += -1 if tag.group(1) else 1
            out.append(part)
        elif inside_link > 0:
            out.append(part)
        else:
            out.append(CONTACT.sub(_link, part))
    return mark_safe("".join(out))  # noqa: S308 (escaped above, only links added)
