"""Saving a year of monitoring at once, from the admin table or from a CSV file."""

import csv
import io
import unicodedata
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from .models import IndicatorValue, Measure, MeasureStatus, MonitoringStatus


def plan_measures(plan):
    return list(
        Measure.objects.filter(priority__plan=plan)
        .select_related("priority")
        .prefetch_related("indicators")
        .order_by("priority__number", "sequence")
    )


def existing_rows(measures, year):
    """Initial data of the yearly table: {measure_id: {status, commentary, indicator_<id>}}."""
    records = MeasureStatus.objects.filter(measure__in=measures, year=year).prefetch_related(
        "values"
    )
    initial = {}
    for record in records:
        row = {"status": record.status, "commentary": record.commentary}
        for value in record.values.all():
            row[f"indicator_{value.indicator_id}"] = value.value
        initial[record.measure_id] = row
    return initial


@transaction.atomic
def save_year(year, rows):
    """``rows``: dicts with measure, status ('' removes the record), commentary, values
    ({indicator: Decimal|None}). Returns the number of measures with a status."""
    saved = 0
    for row in rows:
        measure = row["measure"]
        if not row["status"]:
            MeasureStatus.objects.filter(measure=measure, year=year).delete()
            continue
        record, _created = MeasureStatus.objects.update_or_create(
            measure=measure,
            year=year,
            defaults={"status": row["status"], "commentary": row.get("commentary", "")},
        )
        for indicator, value in row.get("values", {}).items():
            if value is None:
                IndicatorValue.objects.filter(record=record, indicator=indicator).delete()
            else:
                IndicatorValue.objects.update_or_create(
                    record=record, indicator=indicator, defaults={"value": value}
                )
        saved += 1
    Measure.objects.filter(pk__in=[r["measure"].pk for r in rows]).update(updated_at=_now())
    return saved


def _now():
    from django.utils import timezone

    return timezone.now()


def _plain(text):
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return text.strip().lower().replace(" ", "_")


# Czech spellings accepted whatever the admin's language (normalised by _plain).
CZECH_STATUS_ALIASES = {
    "nezahajeno": MonitoringStatus.NOT_STARTED,
    "probiha": MonitoringStatus.IN_PROGRESS,
    "v_realizaci": MonitoringStatus.IN_PROGRESS,
    "splneno": MonitoringStatus.FULFILLED,
    "castecne_splneno": MonitoringStatus.PARTLY,
    "nesplneno": MonitoringStatus.NOT_FULFILLED,
    "prubezne": MonitoringStatus.CONTINUOUS,
    "prubezne_plneno": MonitoringStatus.CONTINUOUS,
}


def status_lookup():
    lookup = dict(CZECH_STATUS_ALIASES)
    for value, label in MonitoringStatus.choices:
        lookup[value] = value
        lookup[_plain(label)] = value
        lookup[str(label).strip().lower()] = value
    return lookup


def parse_number(text):
    cleaned = text.replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        return None
    return value.quantize(Decimal("0.01"))


def decode(raw):
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def parse_csv(plan, raw):
    """Parse a CSV of a year's monitoring. Returns (rows, errors); rows only if no errors."""
    text = decode(raw)
    if text is None:
        return [], [_("The file is not a text file in UTF-8 or Windows-1250.")]
    lines = text.splitlines()
    if not lines:
        return [], [_("The file is empty.")]
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_plain(h) for h in next(reader)]
    errors = []
    for required in ("opatreni", "stav"):
        if required not in header:
            errors.append(_("Missing column “%(column)s”.") % {"column": required})
    if errors:
        return [], errors
    measures = {m.number: m for m in plan_measures(plan)}
    statuses = status_lookup()
    allowed = ", ".join(str(label).lower() for _v, label in MonitoringStatus.choices)
    rows, seen = [], set()
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        data = {header[i]: c.strip() for i, c in enumerate(cells) if i < len(header)}
        number = data.get("opatreni", "")
        measure = measures.get(number)
        if measure is None:
            errors.append(
                _("Row %(row)s: unknown measure “%(number)s”.") % {"row": line_no, "number": number}
            )
            continue
        if number in seen:
            errors.append(
                _("Row %(row)s: measure %(number)s is in the file twice.")
                % {"row": line_no, "number": number}
            )
            continue
        seen.add(number)
        status = statuses.get(data.get("stav", "").lower()) or statuses.get(
            _plain(data.get("stav", ""))
        )
        if status is None:
            errors.append(
                _("Row %(row)s: unknown status “%(status)s” (allowed: %(allowed)s).")
                % {"row": line_no, "status": data.get("stav", ""), "allowed": allowed}
            )
        indicators = list(measure.indicators.all())
        values = {}
        for key, cell in data.items():
            if not key.startswith("ukazatel_") or not cell:
                continue
            try:
                index = int(key.removeprefix("ukazatel_"))
            except ValueError:
                continue
            if not 1 <= index <= len(indicators):
                errors.append(
                    _("Row %(row)s: measure %(number)s has no indicator %(index)s.")
                    % {"row": line_no, "number": number, "index": index}
                )
                continue
            value = parse_number(cell)
            if value is None:
                errors.append(
                    _("Row %(row)s: value “%(value)s” in column %(column)s is not a number.")
                    % {"row": line_no, "value": cell[:50], "column": key}
                )
                continue
            values[indicators[index - 1]] = value
        rows.append(
            {
                "measure": measure,
                "status": status,
                "commentary": data.get("komentar", ""),
                "values": values,
            }
        )
    if not rows and not errors:
        errors.append(_("The file has no rows with measures."))
    return ([] if errors else rows), errors
