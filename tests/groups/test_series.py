"""Creating a series of meetings from seed-000 lines."""

import pytest

from kpss_pages.groups.models import MeetingPage
from kpss_pages.groups.series import parse_schedule

from .conftest import make_group, prague

pytestmark = pytest.mark.django_db

SEED = """Analytická část:
2. 8. 9:00 – 11:00  – CÍLOVÁ SKUPINA senioři
25. 10. 13:00 – 15:00  – CÍLOVÁ SKUPINA os. ohrožené soc. vyloučením

Návrhová část
6. 12.   9:00 – 11:00  – CÍLOVÁ SKUPINA senioři
3. 1.   9:00 – 11:00  – CÍLOVÁ SKUPINA senioři
"""


@pytest.fixture
def groups(index):
    from catalog.models import TargetGroup

    seniors = make_group(index)
    excluded = make_group(
        index,
        title="PS Osoby ohrožené sociálním vyloučením",
        slug="vylouceni",
        schedule_label="CÍLOVÁ SKUPINA osoby ohrožené sociálním vyloučením",
        target_group=TargetGroup.objects.get(slug="osoby-ohrozene-socialnim-vyloucenim"),
    )
    return seniors, excluded


def test_parse_seed_lines_with_phases_abbreviations_and_year_rollover(groups):
    seniors, excluded = groups
    parsed, errors = parse_schedule(SEED, 2030, "other", list(groups))
    assert errors == []
    assert [(p.start, p.end, p.group, p.phase) for p in parsed] == [
        (prague(2030, 8, 2, 9), prague(2030, 8, 2, 11), seniors, "analytical"),
        (prague(2030, 10, 25, 13), prague(2030, 10, 25, 15), excluded, "analytical"),
        (prague(2030, 12, 6, 9), prague(2030, 12, 6, 11), seniors, "proposal"),
        (prague(2031, 1, 3, 9), prague(2031, 1, 3, 11), seniors, "proposal"),
    ]


def test_parse_errors_in_czech_name_the_line(groups):
    text = (
        "2. 8. 9:00 – 11:00 – CÍLOVÁ SKUPINA senioři\nzítra odpoledne\n31. 2. 9:00 – 11:00\n"
        "4. 8. 11:00 – 9:00 – CÍLOVÁ SKUPINA senioři\n5. 8. 9:00 – 10:00 – PS Neexistující"
    )
    parsed, errors = parse_schedule(text, 2030, "other", list(groups))
    assert len(parsed) == 1
    assert errors[0].startswith("Řádek 2:")
    assert "Řádek 3: takové datum nebo čas neexistuje" in errors[1]
    assert "Řádek 4: setkání musí skončit" in errors[2]
    assert "Řádek 5:" in errors[3] and "neodpovídá žádné pracovní skupině" in errors[3]


def test_admin_preview_then_create(admin_client, groups):
    data = {
        "lines": SEED,
        "year": 2030,
        "phase": "analytical",
        "room": "malá zasedací místnost",
        "address": "Náměstí Míru 1",
        "is_public": "on",
        "seat_limit": "12",
        "publish": "on",
    }
    preview = admin_client.post("/admin/kpss-groups/series/", {**data, "preview": "1"})
    assert preview.status_code == 200
    assert "Vytvořit 4 setkání" in preview.content.decode()
    assert not MeetingPage.objects.exists()
    created = admin_client.post("/admin/kpss-groups/series/", {**data, "create": "1"})
    assert created.status_code == 302
    meetings = list(MeetingPage.objects.order_by("start"))
    assert len(meetings) == 4
    assert all(
        m.live and m.seat_limit == 12 and m.room == "malá zasedací místnost" for m in meetings
    )
    assert meetings[-1].get_parent().specific == groups[0]


def test_admin_form_errors_keep_input(admin_client, groups):
    response = admin_client.post(
        "/admin/kpss-groups/series/",
        {"lines": "nesmysl", "year": 2030, "phase": "analytical", "preview": "1"},
    )
    html = response.content.decode()
    assert "Řádek 1:" in html and "nesmysl" in html
    assert not MeetingPage.objects.exists()


def test_series_view_needs_login(client):
    assert client.get("/admin/kpss-groups/series/").status_code == 302


def test_created_drafts_say_how_to_publish(admin_client, groups):
    data = {"lines": SEED, "year": 2030, "phase": "analytical", "seat_limit": "12"}
    response = admin_client.post(
        "/admin/kpss-groups/series/", {**data, "create": "1"}, follow=True
    )
    html = response.content.decode()
    assert not MeetingPage.objects.filter(live=True).exists()
    assert "Setkání jsou koncepty" in html and "Publikovat" in html
