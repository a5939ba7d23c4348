"""Czech dates in the admin's date pickers: "3. 12. 2026" and "9:00", not "03. 12. 2026".

Wagtail writes a date field's value with ``WAGTAIL_DATE_FORMAT`` (``WAGTAIL_DATETIME_FORMAT``,
``WAGTAIL_TIME_FORMAT``) and translates it for its JavaScript picker, but its translation
knows only the zero-padded directives: a host that writes Czech dates without leading
zeros (``"%-d. %-m. %Y"``, glibc's and macOS's strftime) would get a picker that writes
"%-d. %-m. 2026" into the field. ``install_in_wagtail()`` teaches it the unpadded day,
month and hour; Django's date fields read the value back with the usual Czech input
formats (``"%d. %m. %Y"`` accepts "3. 12. 2026")."""

# Python's unpadded directives → the picker's (PHP-style) letters.
UNPADDED = {"%-d": "j", "%-m": "n", "%-H": "G", "%-I": "g", "%-M": "i", "%-S": "s"}


def to_datetimepicker_format(python_format, _wagtail=None):
    from wagtail.admin.datetimepicker import to_datetimepicker_format as wagtail_format

    # Each unpadded directive becomes a placeholder Wagtail leaves alone, then the letter.
    marked = python_format
    for i, directive in enumerate(UNPADDED):
        marked = marked.replace(directive, f"\x00{i}\x00")
    result = (_wagtail or wagtail_format)(marked)
    for i, letter in enumerate(UNPADDED.values()):
        result = result.replace(f"\x00{i}\x00", letter)
    return result


def install_in_wagtail():
    from wagtail.admin.widgets import datetime as widgets

    if getattr(widgets.to_datetimepicker_format, "kpss", False):
        return
    wagtail_format = widgets.to_datetimepicker_format

    def patched(python_format):
        return to_datetimepicker_format(python_format, wagtail_format)

    patched.kpss = True
    widgets.to_datetimepicker_format = patched
