"""Czech dates and times as the site, the admin and the exports write them: "3. 12. 2026",
"9:00", "2. 8. 2024, 9:00–11:00" (day and month without leading zeros, en dash).

Plain string formatting: Django's date filter parses its format string and looks up the
locale for every value, which a harmonogram of a few dozen meetings pays on each line."""

from django.utils.timezone import localtime


def czech_date(value):
    """``3. 12. 2026`` (any platform's strftime would add leading zeros)."""
    return f"{value.day}. {value.month}. {value.year}"


def clock(value):
    """``9:00``: hours without, minutes with a leading zero (the format "G:i")."""
    return f"{value.hour}:{value.minute:02d}"


def date_time_range(start, end=None):
    """``2. 8. 2024, 9:00–11:00``; over midnight ``2. 8. 2024, 22:00 – 3. 8. 2024, 1:00``."""
    start = localtime(start)
    text = f"{czech_date(start)}, {clock(start)}"
    if end:
        end = localtime(end)
        if end.date() == start.date():
            text += f"–{clock(end)}"
        else:
            text += f" – {czech_date(end)}, {clock(end)}"
    return text


def czech_datetime(value):
    """``2. 8. 2024, 9:00`` in local time."""
    value = localtime(value)
    return f"{czech_date(value)}, {clock(value)}"
