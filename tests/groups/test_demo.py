"""The demo: groups of seeds 000/001/004, the moved schedule, idempotent."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from home.demo.groups import cycle_year, shifted
from kpss_pages.groups.models import (
    HarmonogramPage,
    MeetingPage,
    Registration,
    WorkingGroupPage,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        WorkingGroupPage.objects.count(),
        MeetingPage.objects.count(),
        Registration.objects.count(),
        sum(p.revisions.count() for p in MeetingPage.objects.all()),
    )


def test_demo_is_complete(client, demo):
    kinds = sorted(WorkingGroupPage.objects.values_list("kind", flat=True))
    assert kinds.count("target_group") == 4 and kinds.count("territorial") == 2
    assert "coordination" in kinds
    now = timezone.now()
    assert MeetingPage.objects.filter(end__lt=now, minutes_document__isnull=False).exists()
    assert MeetingPage.objects.filter(start__gt=now).exists()
    assert Registration.objects.filter(status="waitlist").exists()
    assert MeetingPage.objects.filter(cancelled=True, start__gt=now).exists()
    harmonogram = HarmonogramPage.objects.get()
    assert harmonogram.show_in_menus
    html = client.get(harmonogram.url).content.decode()
    assert "malé zasedací místnosti radnice, Náměstí Míru 1, Ostrov nad Vlčinou" in html


def test_schedule_moves_keep_weekday_and_phase_months():
    assert cycle_year(timezone.datetime(2026, 11, 23).date()) == 2026
    assert cycle_year(timezone.datetime(2027, 3, 1).date()) == 2026
    moved = shifted(2, 8, 2026)
    assert moved.weekday() == 2  # 2. 8. 2023 was a Wednesday
    assert moved.month == 8 and moved.year == 2026
    january = shifted(3, 1, 2026)
    assert january.year == 2027 and january.month == 1


def test_demo_meeting_prints_an_attendance_sheet_with_the_funding_line(admin_client, demo):
    meeting = (
        MeetingPage.objects.filter(registrations__status="confirmed")
        .distinct()
        .order_by("start")
        .first()
    )
    response = admin_client.get(f"/admin/kpss-groups/meetings/{meeting.pk}/attendance-sheet/")
    assert response.status_code == 200
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Prezenční listina" in text and "je spolufinancován Evropskou unií" in text
    first = meeting.attendees()[0]
    assert first.name in text
