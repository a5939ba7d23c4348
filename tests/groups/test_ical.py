"""iCalendar feeds parsed with icalendar and with a second parser (ics)."""

from datetime import timedelta

import icalendar
import ics
import pytest
from django.conf import settings
from django.utils import timezone

from kpss_pages.groups.models import MeetingPage

from .conftest import make_meeting, prague

pytestmark = pytest.mark.django_db


def get_ics(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_meeting_ics_is_valid_with_timezone_location_and_url(client, group):
    meeting = make_meeting(group, start=prague(2031, 8, 2, 9, 0), slug="srpen")
    body = get_ics(client, meeting.url + "kalendar.ics")
    cal = icalendar.Calendar.from_ical(body)
    tz = cal.walk("VTIMEZONE")
    assert tz and tz[0]["TZID"] == "Europe/Prague"
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == prague(2031, 8, 2, 9, 0)
    assert event["DTSTART"].params["TZID"] == "Europe/Prague"
    assert event.decoded("DTEND") == prague(2031, 8, 2, 11, 0)
    assert (
        str(event["LOCATION"])
        == "malá zasedací místnost radnice, Náměstí Míru 1, Ostrov nad Vlčinou"
    )
    assert str(event["URL"]) == settings.WAGTAILADMIN_BASE_URL + meeting.url  # BASE_URL
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "CÍLOVÁ SKUPINA senioři" in str(event["SUMMARY"])
    second = ics.Calendar(body.decode())
    (other,) = second.events
    assert other.begin.datetime == prague(2031, 8, 2, 9, 0)
    assert other.location.startswith("malá zasedací")


def test_group_feed_has_stable_uids_sequence_and_cancelled_status(client, group):
    first = make_meeting(group, start=timezone.now() + timedelta(days=5), slug="a")
    make_meeting(group, start=timezone.now() + timedelta(days=9), slug="b")
    url = group.url + "kalendar.ics"
    before = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(get_ics(client, url)).walk("VEVENT")
    }
    assert len(before) == 2
    page = MeetingPage.objects.get(pk=first.pk)
    page.cancelled, page.cancel_reason = True, "nemoc vedoucí"
    page.save_revision().publish()
    after_body = get_ics(client, url)
    after = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(after_body).walk("VEVENT")}
    assert set(after) == set(before)  # stable UIDs
    uid = f"kpss-meeting-{first.pk}@127.0.0.1"  # BASE_URL's host
    assert after[uid]["STATUS"] == "CANCELLED"
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    parsed = ics.Calendar(after_body.decode())
    assert {e.uid for e in parsed.events} == set(before)
    assert any(e.status == "CANCELLED" for e in parsed.events)


def test_harmonogram_feed_contains_all_public_meetings_only(client, index, harmonogram, group):
    make_meeting(group, slug="verejne")
    hidden = make_meeting(group, slug="koncept")
    hidden.unpublish()
    body = get_ics(client, harmonogram.url + "kalendar.ics")
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == 1
    assert len(ics.Calendar(body.decode()).events) == 1


def test_feed_for_other_pages_is_404(client, home, index):
    assert client.get("/kalendar.ics").status_code == 404
    assert client.get(index.url + "kalendar.ics").status_code == 404
    assert client.get("/neexistuje/kalendar.ics").status_code == 404
