"""Untrusted values kept harmless: which links may reach the database and the page.

A link stored from an import, a public form or the admin ends up in an ``href``; a
``javascript:`` or ``data:`` address there runs in the visitor's browser. Only http(s)
(and ``mailto:``/``tel:`` where the field means that) is accepted anywhere.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
CONTACT_SCHEMES = ("mailto", "tel")
# C0 controls except tab and line breaks, DEL: never meaningful in text from outside.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_web_url(value, schemes=WEB_SCHEMES):
    """True for an absolute URL with one of ``schemes`` that Django's validator accepts."""
    value = str(value or "").strip()
    if CONTROL_CHARACTERS.search(value) or any(c in value for c in "\t\r\n"):
        return False
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return False
    if scheme not in schemes:
        return False
    if scheme in CONTACT_SCHEMES:
        return len(value) > len(scheme) + 1
    try:
        URLValidator(schemes=list(WEB_SCHEMES))(value)
    except ValidationError:
        return False
    return True


def validate_web_url(value):
    """Model/form validator: http(s) only, with a Czech message."""
    if value and not is_web_url(value):
        raise ValidationError(
            _("Enter a web address starting with http:// or https://."), code="unsafe_url"
        )


def validate_link_url(value):
    """For link fields that may also be e-mail or phone links."""
    if value and not is_web_url(value, WEB_SCHEMES + CONTACT_SCHEMES):
        raise ValidationError(
            _("Enter an address starting with http://, https://, mailto: or tel:."),
            code="unsafe_url",
        )


def strip_control_characters(value):
    return CONTROL_CHARACTERS.sub("", value)
