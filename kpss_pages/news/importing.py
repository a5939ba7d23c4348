"""Importing subscribers from the old site's CSV: e-mail, consent date, consent source.

A row with both consent date and source becomes a confirmed subscriber with that consent
recorded; a row with neither gets the double opt-in e-mail (through the outbox). Every
other row is reported and skipped. The valid rows are written in one transaction."""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import queue_confirmation
from .models import Subscriber

DATE_FORMATS = [
    "%d. %m. %Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d. %m. %Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
]


@dataclass
class Report:
    rows: list = field(default_factory=list)  # (line, e-mail, message, ok)
    confirmed: int = 0
    invited: int = 0

    def add(self, line, email, message, ok=False):
        self.rows.append((line, email, message, ok))

    @property
    def errors(self):
        return [row for row in self.rows if not row[3]]


def decode(data):
    """UTF-8 (with or without BOM), else Windows-1250 (Czech Excel)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1250", errors="replace")


def parse_date(value):
    value = " ".join(value.split())
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return timezone.make_aware(parsed)
    return None


def read_rows(text):
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows and rows[0] and "mail" in rows[0][0].lower() and "@" not in rows[0][0]:
        return [(n, row) for n, row in enumerate(rows[1:], start=2)]
    return list(enumerate(rows, start=1))


def import_subscribers(data, dry_run=False):
    report = Report()
    existing = {e.lower() for e in Subscriber.objects.values_list("email", flat=True)}
    seen = set()
    plan = []
    for line, row in read_rows(decode(data)):
        cells = [cell.strip() for cell in row] + ["", "", ""]
        email, date_text, source = cells[0], cells[1], cells[2]
        if not any(cells):
            continue
        try:
            validate_email(email)
        except ValidationError:
            report.add(line, email, _("Invalid e-mail address."))
            continue
        key = email.lower()
        if key in seen:
            report.add(line, email, _("The address is in the file more than once."))
            continue
        seen.add(key)
        if key in existing:
            report.add(line, email, _("Already subscribed; left as it is."))
            continue
        if bool(date_text) != bool(source):
            report.add(line, email, _("Consent needs both its date and its source."))
            continue
        consent_at = None
        if date_text:
            consent_at = parse_date(date_text)
            if consent_at is None:
                report.add(
                    line,
                    email,
                    _("Unknown date “%(date)s”; use e.g. 2. 8. 2024.") % {"date": date_text},
                )
                continue
            if consent_at > timezone.now():
                report.add(line, email, _("The consent date is in the future."))
                continue
        plan.append((line, email, consent_at, source))
    for line, email, consent_at, _source in plan:
        if consent_at:
            report.add(line, email, _("Imported as confirmed (earlier consent)."), ok=True)
            report.confirmed += 1
        else:
            report.add(
                line, email, _("Confirmation e-mail will be sent (no earlier consent)."), ok=True
            )
            report.invited += 1
    report.rows.sort(key=lambda row: row[0])
    if dry_run:
        return report
    now = timezone.now()
    with transaction.atomic():
        for _line, email, consent_at, source in plan:
            if consent_at:
                Subscriber.objects.create(
                    email=email,
                    confirmed_at=now,
                    consent_at=consent_at,
                    consent_source=source[:200],
                )
            else:
                subscriber = Subscriber.objects.create(email=email, confirmation_sent_at=now)
                queue_confirmation(subscriber)
    return report
