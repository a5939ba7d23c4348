"""Every CSV and XLSX file the site produces is written through this module.

The cells come from the public (registrations, applications, comments, survey answers)
and from imports, and they are opened in Excel by the town's staff. So every cell is
made harmless and readable in one place:

* text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading apostrophe, so that a spreadsheet never runs it as a formula
  (``=HYPERLINK(…)``); numbers stay numbers, negative ones included;
* control characters (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``, ``\\x0e``–``\\x1f``,
  ``\\x7f``) are removed: they mean nothing in a table and openpyxl refuses them;
* times are local (``TIME_ZONE``, Europe/Prague) and written the Czech way
  (``3. 12. 2026 14:05`` in CSV, a real date cell with that format in XLSX);
* choice fields are shown by their Czech label (``get_FOO_display``), yes/no as
  ``ano``/``ne``, lists joined by commas;
* CSV is UTF-8 with a byte-order mark and a semicolon between columns (what a Czech
  Excel expects); column names are the Czech labels.

:func:`csv_response`, :func:`csv_text` and :func:`xlsx_bytes` write a whole table;
:class:`SpreadsheetExportMixin` does the same for Wagtail's admin listings (ModelViewSet,
snippets, wagtail-modeladmin and form submissions), which export CSV and XLSX.
"""

import codecs
import csv
import datetime
import decimal
import io
from collections import OrderedDict

from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .czech_dates import clock, czech_date
from .safe_values import strip_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CSV_DELIMITER = ";"
XLSX_DATETIME = "d. m. yyyy h:mm"
XLSX_DATE = "d. m. yyyy"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def safe_text(value):
    """Text for one cell: control characters removed, a formula start defused."""
    text = strip_control_characters(force_str(value))
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _local(value):
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def csv_cell(value):
    """The text written into a CSV cell for ``value``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | decimal.Decimal):
        return format_number(value)
    if isinstance(value, datetime.datetime):
        value = _local(value)
        return f"{czech_date(value)} {clock(value)}"  # Czech Excel reads this as a date
    if isinstance(value, datetime.date):
        return czech_date(value)
    if isinstance(value, datetime.time):
        return clock(value)
    if isinstance(value, list | tuple | set | frozenset):
        return safe_text(", ".join(force_str(item) for item in value))
    return safe_text(value)


def xlsx_value(value):
    """The value of an XLSX cell: numbers and dates stay typed, everything else is text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, datetime.date | datetime.time):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return safe_text(", ".join(force_str(item) for item in value))
    return safe_text(value)


def format_number(value):
    """A decimal number the Czech way: decimal comma, no trailing zeros."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def choice_value(obj, name):
    """The value of attribute ``name`` (dotted paths allowed) of ``obj`` as a person reads
    it: a choice by its label (``get_FOO_display``), a callable called."""
    *path, last = name.split(".")
    for part in path:
        if obj is None:
            return None
        obj = getattr(obj, part)
        if callable(obj) and not isinstance(obj, models.Model):
            obj = obj()
    if obj is None:
        return None
    display = getattr(obj, f"get_{last}_display", None)
    if callable(display):
        return display()
    value = getattr(obj, last)
    if isinstance(value, models.Manager):
        return [force_str(item) for item in value.all()]
    if callable(value):
        value = value()
    return value


# -- whole tables ---------------------------------------------------------------------
def write_csv(out, header, rows, delimiter=CSV_DELIMITER):
    """Write the BOM, the header and the rows into the text stream ``out``."""
    out.write(BOM)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def csv_text(header, rows, delimiter=CSV_DELIMITER):
    out = io.StringIO()
    write_csv(out, header, rows, delimiter=delimiter)
    return out.getvalue()


def data_csv_text(columns, rows):
    """CSV for programs rather than people: the tables of the HSDS package, whose standard
    fixes the column names and the values (a phone number starts with ``+``). RFC 4180,
    UTF-8 without BOM; control characters removed, nothing else changed.
    ``rows`` are dicts keyed by ``columns``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                "" if row.get(key) is None else strip_control_characters(force_str(row[key]))
                for key in columns
            ]
        )
    return out.getvalue()


def csv_response(filename, header, rows, delimiter=CSV_DELIMITER):
    """An attachment ``filename`` (with ``.csv``) holding the table."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    write_csv(response, header, rows, delimiter=delimiter)
    return response


def _xlsx_cells(worksheet, values):
    from openpyxl.cell import WriteOnlyCell

    for value in values:
        cell = WriteOnlyCell(worksheet, xlsx_value(value))
        if cell.data_type == "f":  # text openpyxl would take for a formula
            cell.data_type = "s"
        if isinstance(value, datetime.datetime):
            cell.number_format = XLSX_DATETIME
        elif isinstance(value, datetime.date):
            cell.number_format = XLSX_DATE
        yield cell


def write_xlsx(output, header, rows, title=None):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=safe_sheet_title(title or _("Export")))
    worksheet.append(list(_xlsx_cells(worksheet, header)))
    for row in rows:
        worksheet.append(list(_xlsx_cells(worksheet, row)))
    workbook.save(output)


def xlsx_bytes(header, rows, title=None):
    output = io.BytesIO()
    write_xlsx(output, header, rows, title=title)
    return output.getvalue()


def safe_sheet_title(title):
    title = strip_control_characters(force_str(title))
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title.strip("'")[:31] or "List1"


# -- Wagtail admin listings -----------------------------------------------------------
class _Echo:
    def write(self, value):
        return value


class SpreadsheetExportMixin:
    """Put before a Wagtail view that has ``SpreadsheetExportMixin`` (any admin listing
    with ``list_export``): its CSV and XLSX go through this module."""

    def export_value(self, item, field):
        """The value of ``field`` for ``item``; choices by their Czech label."""
        try:
            return choice_value(item, field)
        except AttributeError:
            return super().to_row_dict(item)[field]

    def to_row_dict(self, item):
        return OrderedDict((field, self.export_value(item, field)) for field in self.list_export)

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field)
        if heading:
            return capfirst(force_str(heading))
        model_admin = getattr(self, "model_admin", None)
        try:
            label = label_for_field(field, queryset.model, model_admin=model_admin)
        except (FieldDoesNotExist, AttributeError):
            label = field
        return capfirst(force_str(label))

    def export_rows(self, queryset, export_format):
        """The rows' values; a view's own per-field functions (``custom_field_preprocess``,
        e.g. Wagtail's reports turning an action code into its label) apply first."""
        functions = getattr(self, "custom_field_preprocess", None) or {}
        for item in queryset:
            row = self.to_row_dict(item)
            values = []
            for field in self.list_export:
                value = row[field]
                function = functions.get(field, {}).get(export_format)
                if function is not None:
                    value = function(value)
                values.append(value)
            yield values

    def export_header(self, queryset):
        return [self.get_heading(queryset, field) for field in self.list_export]

    def stream_csv(self, queryset):
        out = _Echo()
        writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
        yield codecs.BOM_UTF8
        yield writer.writerow([csv_cell(h) for h in self.export_header(queryset)]).encode()
        for row in self.export_rows(queryset, "csv"):
            yield writer.writerow([csv_cell(value) for value in row]).encode()

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_xlsx(self, queryset, output):
        meta = getattr(getattr(queryset, "model", None), "_meta", None)
        title = getattr(meta, "verbose_name_plural", None)
        rows = self.export_rows(queryset, "xlsx")
        write_xlsx(output, self.export_header(queryset), rows, title)

    def write_xlsx_response(self, queryset):
        output = io.BytesIO()
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type=XLSX_CONTENT_TYPE,
            filename=f"{self.get_filename()}.xlsx",
        )


WAGTAIL_METHODS = (
    "export_rows",
    "export_header",
    "stream_csv",
    "write_csv_response",
    "write_xlsx",
    "write_xlsx_response",
)


def install_in_wagtail():
    """Make Wagtail's own exports write through this module too: the reports (site
    history, page types, ageing pages, workflows), redirects, promoted search results and
    any listing without :class:`SpreadsheetExportMixin`. Their rows and headings stay
    Wagtail's; the cells, the BOM, the semicolons and the local times become ours.
    Called once from ``KpssCoreConfig.ready()``."""
    from wagtail.admin.views import mixins

    target = mixins.SpreadsheetExportMixin
    if getattr(target, "kpss_exports", False):
        return
    for name in WAGTAIL_METHODS:
        setattr(target, name, SpreadsheetExportMixin.__dict__[name])
    target.kpss_exports = True


__all__ = [
    "BOM",
    "SpreadsheetExportMixin",
    "choice_value",
    "csv_cell",
    "csv_response",
    "csv_text",
    "data_csv_text",
    "format_number",
    "install_in_wagtail",
    "safe_text",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
    "xlsx_value",
]
