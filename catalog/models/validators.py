"""Validators of Czech identifiers with Czech error messages (via the translation catalogue)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ICO_RE = re.compile(r"^\d{8}$")
REGISTER_ID_RE = re.compile(r"^\d{7}$")


def ico_is_valid(value):
    """IČO: 8 digits, the last one a modulo-11 check digit (weights 8…2)."""
    if not ICO_RE.match(value or ""):
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:7], range(8, 1, -1), strict=True)
    )
    remainder = total % 11
    check = 1 if remainder == 0 else 0 if remainder == 1 else 11 - remainder
    return check == int(value[7])


def validate_ico(value):
    if not ICO_RE.match(value or ""):
        raise ValidationError(
            _("The IČO must have exactly 8 digits (keep leading zeros)."), code="ico_format"
        )
    if not ico_is_valid(value):
        raise ValidationError(
            _("This IČO is not valid: its check digit does not match."), code="ico_checksum"
        )


def validate_register_id(value):
    if value and not REGISTER_ID_RE.match(value):
        raise ValidationError(
            _("The register identifier must have exactly 7 digits."), code="register_id"
        )


def validate_non_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("The capacity cannot be negative."), code="capacity")
