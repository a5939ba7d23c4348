"""Meetings of a planning cycle grouped by phase and month, with a fixed number of queries."""

from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dates import MONTHS

from .models import PHASE_ORDER, STEPLEN, MeetingPage, Phase, Registration, WorkingGroupPage


def attach_groups(meetings, groups=None):
    """Set ``meeting._group_cache`` from one query instead of one per meeting."""
    meetings = list(meetings)
    if groups is None:
        parent_paths = {m.path[:-STEPLEN] for m in meetings}
        groups = WorkingGroupPage.objects.filter(path__in=parent_paths)
    by_path = {g.path: g for g in groups}
    for meeting in meetings:
        meeting._group_cache = by_path.get(meeting.path[:-STEPLEN])
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
    """The next meetings (of ``site`` when given: each town's home page lists its own)."""
    now = now or timezone.now()
    meetings = public_meetings().filter(end__gte=now, cancelled=False)
    if site is not None:
        meetings = meetings.descendant_of(site.root_page, inclusive=True)
    meetings = list(meetings[:limit])
    return attach_groups(meetings)
