"""Importing subscribers from the old site's CSV: e-mail, consent date, consent source.

A row with both consent date and source becomes a confirmed subscriber with that consent
recorded; a row with neither gets the double opt-in e-mail (through the outbox). Every
other row is reported and skipped. The valid rows are written in one transaction, each in
its own savepoint: an address subscribed in the meantime (through the public form or a
second import) is reported as already subscribed, and its row and e-mail are not written.

A file the import cannot read (a spreadsheet, UTF-16 without its byte order mark, a broken
CSV) raises :class:`UnreadableFile` with a message for staff; nothing is written."""

import codecs
import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
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


class UnreadableFile(ValueError):
    """The file is not a CSV text the import can read; ``str()`` says what to do."""


def _unreadable():
    return UnreadableFile(
        _(
            "The file cannot be read as text in UTF-8 or Windows-1250 (is it a spreadsheet, "
            "or text in another encoding?). Save it as CSV in UTF-8 and upload it again."
        )
    )


def decode(data):
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text"), else
    Windows-1250 (Czech Excel's CSV). Anything else raises :class:`UnreadableFile`."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _unreadable() from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1250")
            except UnicodeDecodeError:  # a byte Windows-1250 does not define
                raise _unreadable() from None
    if "\x00" in text:  # a spreadsheet (XLSX), UTF-16 without its BOM, UTF-32
        raise _unreadable()
    return text


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
    # Semicolon (Czech Excel), comma, or tab (Excel's "Unicode text"); ties go to ";".
    delimiter = max([";", ",", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:  # e.g. an unclosed quotation mark swallowing the rest of the file
        raise UnreadableFile(
            _("The file is not a valid CSV (near line %(line)s): check the quotation marks.")
            % {"line": reader.line_num}
        ) from None
    if rows and rows[0] and "mail" in rows[0][0].lower() and "@" not in rows[0][0]:
        return [(n, row) for n, row in enumerate(rows[1:], start=2)]
    return list(enumerate(rows, start=1))


def existing_addresses():
    return {e.lower() for e in Subscriber.objects.values_list("email", flat=True)}


def import_subscribers(data, dry_run=False):
    """Check every row, then (unless ``dry_run``) write the valid ones. Raises
    :class:`UnreadableFile` before anything is written if the file cannot be read."""
    report = Report()
    rows = read_rows(decode(data))
    existing = existing_addresses()
    seen = set()
    plan = []
    for line, row in rows:
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
        # Stored in lower case as the subscription form stores it, so that the form finds
        # the imported address (and the unique address refuses a second row for it).
        plan.append((line, key, consent_at, source))
    if dry_run:
        for line, email, consent_at, _source in plan:
            _report_written(report, line, email, consent_at)
    else:
        _write(plan, report)
    report.rows.sort(key=lambda row: row[0])
    return report


def _report_written(report, line, email, consent_at):
    if consent_at:
        report.add(line, email, _("Imported as confirmed (earlier consent)."), ok=True)
        report.confirmed += 1
    else:
        report.add(
            line, email, _("Confirmation e-mail will be sent (no earlier consent)."), ok=True
        )
        report.invited += 1


def _write(plan, report):
    now = timezone.now()
    with transaction.atomic():
        for line, email, consent_at, source in plan:
            try:
                # A savepoint per address: its row and its e-mail, or neither.
                with transaction.atomic():
                    if consent_at:
                        Subscriber.objects.create(
                            email=email,
                            confirmed_at=now,
                            consent_at=consent_at,
                            consent_source=source[:200],
                        )
                    else:
                        subscriber = Subscriber.objects.create(
                            email=email, confirmation_sent_at=now
                        )
                        queue_confirmation(subscriber)
            except IntegrityError:
                # Subscribed since the check (the public form or another import at the
                # same moment): the unique address refused the second row.
                if not Subscriber.objects.filter(email__iexact=email).exists():
                    raise
                report.add(line, email, _("Already subscribed; left as it is."))
                continue
            _report_written(report, line, email, consent_at)
