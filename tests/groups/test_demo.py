"""The demo: groups of seeds 000/001/004, the moved schedule, idempotent."""

import pytest
from django.utils import timezone

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
