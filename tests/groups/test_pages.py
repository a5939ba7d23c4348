"""Group, meeting and harmonogram pages; the home section; query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kpss_pages.groups.models import MeetingPage, WorkingGroupPage

from .conftest import make_group, make_meeting, prague

pytestmark = pytest.mark.django_db

MEMBERS = [
    {
        "name": "Alena Veřejná",
        "organisation": "Domov Vlčina",
        "role": "leader",
        "category": "provider",
        "public_name_consent": True,
        "email": "alena@example.org",
    },
    {
        "name": "Tajný Člověk",
        "organisation": "Klub seniorů",
        "role": "member",
        "category": "user",
        "public_name_consent": False,
        "email": "tajny@example.org",
    },
]


def test_group_page_shows_tasks_members_with_consent_and_never_emails(client, index):
    group = make_group(index, members=MEMBERS, tasks=[("task", "tvorba SWOT analýz")])
    html = client.get(group.url).content.decode()
    assert "tvorba SWOT analýz" in html
    assert "Vedoucí:</strong>" in html and "Alena Veřejná (Domov Vlčina)" in html
    assert "Alena Veřejná" in html
    assert "Tajný Člověk" not in html
    assert "jméno nezveřejněno" in html
    assert "Klub seniorů" in html
    assert "Uživatel sociálních služeb" in html
    assert "@example.org" not in html


def test_group_kind_requires_target_group_or_municipality(index):
    from django.core.exceptions import ValidationError

    page = WorkingGroupPage(title="X", slug="x", kind="territorial")
    with pytest.raises(ValidationError) as exc:
        page.full_clean()
    assert "municipality" in exc.value.error_dict


def test_meeting_validation_in_czech(group):
    from django.core.exceptions import ValidationError

    start = timezone.now()
    meeting = MeetingPage(
        title="S", slug="s", start=start, end=start - timedelta(hours=1), cancelled=True
    )
    with pytest.raises(ValidationError) as exc:
        meeting.full_clean()
    messages = str(exc.value.error_dict)
    assert "Setkání musí skončit až po svém začátku" in messages
    assert "Uveďte, proč je setkání zrušeno" in messages


def test_meeting_page_shows_time_place_and_calendar_link(client, meeting):
    html = client.get(meeting.url).content.decode()
    assert "malá zasedací místnost radnice, Náměstí Míru 1, Ostrov nad Vlčinou" in html
    assert meeting.url + "kalendar.ics" in html
    assert "Volná místa" in html and "2 z 2" in html
    assert 'name="consent"' in html


def test_sequence_rises_only_when_time_or_place_changes(meeting):
    assert meeting.sequence == 0
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.agenda = "<p>Nový program</p>"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.sequence == 0
    page.start += timedelta(hours=1)
    page.end += timedelta(hours=1)
    revision = page.save_revision()
    assert MeetingPage.objects.get(pk=page.pk).sequence == 0  # a draft does not count
    revision.publish()
    assert MeetingPage.objects.get(pk=page.pk).sequence == 1
    page = MeetingPage.objects.get(pk=page.pk)
    page.cancelled, page.cancel_reason = True, "nemoc vedoucí"
    page.save_revision().publish()
    assert MeetingPage.objects.get(pk=page.pk).sequence == 2


@pytest.fixture
def schedule(index, harmonogram):
    seniors = make_group(index)
    families = make_group(
        index,
        title="PS Rodiny s dětmi",
        slug="rodiny",
        schedule_label="CÍLOVÁ SKUPINA rodiny s dětmi",
    )
    now = timezone.now()
    past = make_meeting(seniors, start=now - timedelta(days=30), phase="analytical", slug="minule")
    soon = make_meeting(seniors, start=now + timedelta(days=3), phase="proposal", slug="brzy")
    later = make_meeting(
        families,
        start=now + timedelta(days=40),
        phase="proposal",
        slug="pozdeji",
        cancelled=True,
        cancel_reason="nemoc",
    )
    harmonogram.cycle_start = (now - timedelta(days=100)).date()
    harmonogram.save_revision().publish()
    return {"seniors": seniors, "families": families, "past": past, "soon": soon, "later": later}


def test_harmonogram_groups_by_phase_upcoming_first(client, harmonogram, schedule):
    html = client.get(harmonogram.url).content.decode()
    upcoming = html.index("Nadcházející setkání")
    past = html.index("Proběhlá setkání")
    assert upcoming < html.index("brzy/") < past
    assert past < html.index("minule/")
    assert "Návrhová část" in html and "Analytická část" in html
    assert "– CÍLOVÁ SKUPINA senioři" in html
    assert "Zrušeno" in html and "nemoc" in html


def test_harmonogram_links_are_wagtails_own_addresses(rf, client, harmonogram, schedule):
    """The list works out each group's address once (MeetingPage.get_url_parts); every
    meeting link is still the address Wagtail gives the page, in the list and the month."""
    import re

    from kpss_pages.groups.harmonogram import LISTED_FIELDS, attach_groups

    request = rf.get("/", HTTP_HOST="localhost")
    meetings = [schedule[name] for name in ("past", "soon", "later")]
    expected = {MeetingPage.objects.get(pk=m.pk).get_url(request) for m in meetings}
    listed = attach_groups(
        MeetingPage.objects.filter(pk__in=[m.pk for m in meetings]).only(*LISTED_FIELDS),
        [schedule["seniors"], schedule["families"]],
        request,
    )
    assert {m.get_url(request) for m in listed} == expected
    html = client.get(harmonogram.url).content.decode()
    linked = set(re.findall(r'<a href="([^"]+)"><time', html))
    assert linked == expected
    month = timezone.localtime(schedule["soon"].start).strftime("%Y-%m")
    html = client.get(harmonogram.url, {"mesic": month}).content.decode()
    assert schedule["soon"].url in html
    # a meeting whose stored address does not follow its group's (not kept up to date)
    # gets its address from Wagtail, not from the group
    odd = listed[0]
    odd.url_path = "/jinde/" + odd.slug + "/"
    assert odd.get_url_parts(request) == super(MeetingPage, odd).get_url_parts(request)


def test_harmonogram_line_format_like_seed(client, harmonogram, index):
    group = make_group(index)
    make_meeting(group, start=prague(2031, 8, 2, 9, 0), slug="a")
    html = client.get(harmonogram.url).content.decode()
    assert "2. 8. 9:00 – 11:00</time> – CÍLOVÁ SKUPINA senioři" in html
    assert "Srpen 2031" in html


def test_harmonogram_filter_by_group_and_bad_input(client, harmonogram, schedule):
    families = schedule["families"]
    html = client.get(harmonogram.url, {"skupina": families.pk}).content.decode()
    assert "pozdeji/" in html and "brzy/" not in html
    for bad in ("abc", "999999", "1" * 5000, "-1"):
        response = client.get(harmonogram.url, {"skupina": bad})
        assert response.status_code == 200
        assert "brzy/" in response.content.decode()


def test_cycle_limits_meetings(client, harmonogram, schedule):
    harmonogram.cycle_start = timezone.localdate()
    harmonogram.save_revision().publish()
    html = client.get(harmonogram.url).content.decode()
    assert "minule/" not in html and "brzy/" in html


def test_harmonogram_queries_do_not_grow(
    client, harmonogram, index, django_assert_max_num_queries, uncached_pages
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = make_group(index)
    now = timezone.now()

    def add(n, offset):
        for i in range(n):
            make_meeting(group, start=now + timedelta(days=offset + i), slug=f"m{offset}-{i}")

    add(3, -20)
    add(2, 5)
    client.get(harmonogram.url)  # warm caches (site root paths…)
    client.get("/")
    with CaptureQueriesContext(connection) as small:
        client.get(harmonogram.url)
    add(9, -60)
    add(6, 30)
    client.get("/neni/")  # the furniture (menu, footer) is rebuilt once after a change
    with CaptureQueriesContext(connection) as large:
        client.get(harmonogram.url)
    assert len(large) == len(small)
    client.get("/")
    with CaptureQueriesContext(connection) as home_small:
        client.get("/")
    add(5, 60)
    client.get("/")  # the page and its furniture are rebuilt once after a change
    with CaptureQueriesContext(connection) as home_large:
        client.get("/")
    assert len(home_large) == len(home_small)


def test_home_page_lists_next_meetings(client, schedule):
    html = client.get("/").content.decode()
    assert "Nejbližší setkání pracovních skupin" in html
    assert "brzy/" in html
    assert "pozdeji/" not in html  # cancelled
    assert "minule/" not in html


def test_home_page_reads_meetings_without_agenda_and_groups_by_name(
    client, schedule, uncached_pages
):
    """The home page lists the next meetings with their group's name: neither the meetings'
    agenda and documents nor the groups' purpose, tasks and rules are read for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    assert "brzy/" in html and schedule["seniors"].label in html
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "kpss_groups_meetingpage" in sql and "kpss_groups_workinggrouppage" in sql
    for column in ("agenda", "documents"):
        assert f'meetingpage"."{column}"' not in sql
    for column in ("purpose", "tasks", "rules", "contact"):
        assert f'workinggrouppage"."{column}"' not in sql


def test_group_page_splits_upcoming_and_past(client, schedule):
    html = client.get(schedule["seniors"].url).content.decode()
    assert html.index("brzy/") < html.index("Proběhlá setkání") < html.index("minule/")
