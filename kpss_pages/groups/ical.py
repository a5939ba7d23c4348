"""iCalendar (RFC 5545) for one meeting, one group and the whole harmonogram."""

import re
from datetime import date
from html import unescape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone

from kpss_pages.core.public_url import absolute_url, base_url

PRODID = "-//KPSS Wagtail//Working groups//CS"


def meeting_uid(meeting, host):
    return f"kpss-meeting-{meeting.pk}@{host}"


def agenda_text(html):
    html = re.sub(r"</(p|li|h\d)>", "\n", html or "")
    html = re.sub(r"<li[^>]*>", "- ", html)
    return unescape(strip_tags(html)).strip()


def build_calendar(meetings, name, request=None):
    from .harmonogram import attach_groups

    tz = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    meetings = attach_groups(meetings)
    years = [m.start.year for m in meetings] or [timezone.now().year]
    cal.add_component(
        Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=date(min(years) - 1, 1, 1),
            last_date=date(max(years) + 2, 1, 1),
        )
    )
    # UIDs and URLs use the public address (BASE_URL), neither the request's host nor the
    # Site record's, so they are stable and right behind a proxy.
    host = urlsplit(base_url()).hostname or "kpss.example"
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting_uid(meeting, host))
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.start.astimezone(tz))
        event.add("dtend", meeting.end.astimezone(tz))
        group = meeting.group
        summary = meeting.title
        if group and group.label.lower() not in summary.lower():
            summary = f"{group.label}: {summary}"
        event.add("summary", summary)
        if meeting.place:
            event.add("location", meeting.place)
        url = absolute_url(meeting)
        if url:
            event.add("url", url)
        description = agenda_text(meeting.agenda)
        if meeting.cancelled:
            description = f"ZRUŠENO: {meeting.cancel_reason}\n\n{description}".strip()
        if description:
            event.add("description", description)
        event.add("sequence", meeting.sequence)
        event.add("last-modified", meeting.last_published_at or stamp)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        event.add("class", "PUBLIC" if meeting.is_public else "PRIVATE")
        cal.add_component(event)
    return cal


def calendar_response(request, meetings, name, filename, single=False):
    cal = build_calendar(meetings, name, request)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if single else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response
