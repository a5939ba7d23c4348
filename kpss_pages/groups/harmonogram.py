"""Meetings of a planning cycle grouped by phase and month, or laid out as a month grid,
with a fixed number of queries."""

import calendar
from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dates import MONTHS

from .models import PHASE_ORDER, STEPLEN, MeetingPage, Phase, Registration, WorkingGroupPage

# What a line of a meeting list shows (meeting_item.html, the month grid): the rest of a
# meeting (agenda, documents, revisions, search fields) stays in the database; a list of
# a planning cycle holds dozens of meetings.
LISTED_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "locale",
    "content_type",
    "start",
    "end",
    "phase",
    "is_public",
    "seat_limit",
    "cancelled",
    "cancel_reason",
    "minutes_document",
)


def attach_groups(meetings, groups=None, request=None):
    """Set ``meeting._group_cache`` from one query instead of one per meeting; with the
    request, each group's address is worked out once for all its meetings (see
    ``MeetingPage.get_url_parts``)."""
    meetings = list(meetings)
    if groups is None:
        parent_paths = {m.path[:-STEPLEN] for m in meetings}
        groups = WorkingGroupPage.objects.filter(path__in=parent_paths)
    by_path = {g.path: g for g in groups}
    for meeting in meetings:
        meeting._group_cache = by_path.get(meeting.path[:-STEPLEN])
    if request is not None:
        for group in {id(m._group_cache): m._group_cache for m in meetings}.values():
            if group is not None:
                group._kpss_url_parts = group.get_url_parts(request)
    return meetings


def public_meetings():
    return (
        MeetingPage.objects.live()
        .public()
        .select_related("minutes_document")
        .annotate(
            confirmed_total=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            )
        )
        .order_by("start", "path")
    )


def cycle_meetings(harmonogram):
    qs = public_meetings()
    tz = timezone.get_current_timezone()
    if harmonogram.cycle_start:
        qs = qs.filter(start__gte=datetime.combine(harmonogram.cycle_start, time.min, tzinfo=tz))
    if harmonogram.cycle_end:
        qs = qs.filter(start__lte=datetime.combine(harmonogram.cycle_end, time.max, tzinfo=tz))
    return qs


def group_by_phase_and_month(meetings):
    """[(phase label, [(month label, [meeting, …]), …]), …] in phase order."""
    result = []
    for phase in PHASE_ORDER:
        items = [m for m in meetings if m.phase == phase]
        if not items:
            continue
        months = []
        for meeting in items:
            local = timezone.localtime(meeting.start)
            label = f"{MONTHS[local.month].capitalize()} {local.year}"
            if not months or months[-1][0] != label:
                months.append((label, []))
            months[-1][1].append(meeting)
        result.append((Phase(phase).label, months))
    return result


def split_upcoming(meetings, now=None):
    now = now or timezone.now()
    upcoming = [m for m in meetings if m.end >= now]
    past = [m for m in meetings if m.end < now]
    past.reverse()  # most recent first
    return upcoming, past


def upcoming_meetings(limit=5, now=None, site=None):
    """The next meetings (of ``site`` when given: each town's home page lists its own),
    as the home page lists them: without the agenda and documents, each with its group's
    name only (``meeting.group.label``)."""
    now = now or timezone.now()
    meetings = public_meetings().filter(end__gte=now, cancelled=False).defer("agenda", "documents")
    if site is not None:
        meetings = meetings.descendant_of(site.root_page, inclusive=True)
    meetings = list(meetings[:limit])
    groups = WorkingGroupPage.objects.filter(path__in={m.path[:-STEPLEN] for m in meetings}).only(
        "title", "schedule_label", "path", "url_path", "depth", "live"
    )
    return attach_groups(meetings, groups)


# The month view: ``?mesic=2026-12``. Months outside this range are refused, so a visitor
# cannot make the server render (and the page cache keep) endless empty months.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def parse_month(raw):
    """``"2026-12"`` → ``(2026, 12)``; anything else → ``None``."""
    raw = raw.strip()
    if len(raw) != 7 or raw[4] != "-" or not (raw[:4] + raw[5:]).isascii():
        return None
    year, month = raw[:4], raw[5:]
    if not (year.isdigit() and month.isdigit()):
        return None
    year, month = int(year), int(month)
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return year, month


def month_param(year, month):
    return f"{year:04d}-{month:02d}"


def shift_month(year, month, step):
    """The month ``step`` months away, or ``None`` outside the allowed range."""
    index = year * 12 + (month - 1) + step
    year, month = divmod(index, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return year, month + 1


def default_month(starts, today=None):
    """Of the meetings' start times: the month of the next one, else of the latest one,
    else this month."""
    today = today or timezone.localdate()
    starts = [timezone.localtime(start).date() for start in starts]
    coming = [d for d in starts if d >= today]
    chosen = min(coming) if coming else (max(starts) if starts else today)
    return chosen.year, chosen.month


def in_month(meetings, year, month):
    """Narrow a meeting queryset to those starting in the month (local time)."""
    tz = timezone.get_current_timezone()
    first = datetime(year, month, 1, tzinfo=tz)
    following = shift_month(year, month, 1) or (LAST_YEAR + 1, 1)
    return meetings.filter(start__gte=first, start__lt=datetime(*following, 1, tzinfo=tz))


def month_weeks(meetings, year, month):
    """Weeks (Monday first) of ``[(date or None, [meeting, …]), …]``; days of the
    neighbouring months are ``None`` so that a grid keeps its seven columns."""
    by_day = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.start).date(), []).append(meeting)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [(day, by_day.get(day, [])) if day.month == month else (None, []) for day in week]
        )
    return weeks
