"""Registrations stay consistent whatever the path: moving or confirming a registration in
the admin keeps the seat limit and moves the waitlists up; page look-ups are the current
site's."""

import re

import pytest
from django.core import mail
from django.test import Client

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.groups import registration as registration_logic
from kpss_pages.groups.models import HarmonogramPage, Registration, WorkingGroupIndexPage
from tests.factories import add_page

from .conftest import make_group, make_meeting

pytestmark = pytest.mark.django_db


def _register(committed, meeting, n):
    return committed(registration_logic.register, meeting, name=f"P{n}", email=f"p{n}@example.org")


def _edit(admin_client, committed, registration, **changes):
    data = {
        "meeting": registration.meeting_id,
        "name": registration.name,
        "email": registration.email,
        "organisation": "",
        "note": "",
        "status": registration.status,
        **changes,
    }
    url = f"/admin/kpss-groups/registrations/edit/{registration.pk}/"
    return committed(admin_client.post, url, data)


@pytest.fixture
def two_meetings(group):
    return make_meeting(group, seat_limit=1, slug="prvni"), make_meeting(
        group, seat_limit=1, slug="druhe"
    )


def test_moving_to_a_full_meeting_is_refused_in_czech(admin_client, committed, two_meetings):
    first, second = two_meetings
    eva = _register(committed, first, 1)
    _register(committed, second, 2)
    response = _edit(admin_client, committed, eva, meeting=second.pk)
    assert response.status_code == 200
    assert "je plné (obsazeno 1 místo)" in response.content.decode()
    eva.refresh_from_db()
    assert eva.meeting_id == first.pk
    assert second.registrations.filter(status="confirmed").count() == 1


def test_confirming_a_waitlisted_registration_on_a_full_meeting_is_refused(
    admin_client, committed, two_meetings
):
    first, _second = two_meetings
    _register(committed, first, 1)
    waiting = _register(committed, first, 2)
    assert waiting.status == "waitlist"
    response = _edit(admin_client, committed, waiting, status="confirmed")
    assert response.status_code == 200 and "je plné" in response.content.decode()
    assert first.registrations.filter(status="confirmed").count() == 1


def test_a_move_promotes_the_old_meetings_waitlist_and_mails_the_new_meeting(
    admin_client, committed, two_meetings
):
    first, second = two_meetings
    eva = _register(committed, first, 1)
    jan = _register(committed, first, 2)
    assert jan.status == "waitlist"
    mail.outbox.clear()
    response = _edit(admin_client, committed, eva, meeting=second.pk)
    assert response.status_code == 302
    eva.refresh_from_db()
    jan.refresh_from_db()
    assert (eva.meeting_id, eva.status) == (second.pk, "confirmed")
    assert jan.status == "confirmed"  # the seat eva left
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Postupujete z náhradníků" in by_address["p2@example.org"].subject or (
        by_address["p2@example.org"].subject.startswith("Uvolnilo se")
        or "náhradník" in by_address["p2@example.org"].body
    )
    moved = by_address["p1@example.org"]
    assert second.title in moved.subject
    token = re.search(r"/zrusit/\?t=(\S+)", moved.body).group(1)
    assert registration_logic.read_token(token) == (eva.pk, second.pk)


def test_moving_a_waitlisted_person_where_seats_are_free_confirms_them(
    admin_client, committed, group
):
    full = make_meeting(group, seat_limit=1, slug="plne")
    roomy = make_meeting(group, seat_limit=5, slug="volne")
    _register(committed, full, 1)
    jan = _register(committed, full, 2)
    response = _edit(admin_client, committed, jan, meeting=roomy.pk, status="waitlist")
    assert response.status_code == 302
    jan.refresh_from_db()
    assert (jan.meeting_id, jan.status) == (roomy.pk, "confirmed")


def test_moving_onto_a_meeting_where_the_address_is_registered_is_refused(
    admin_client, committed, group
):
    first = make_meeting(group, seat_limit=5, slug="a")
    second = make_meeting(group, seat_limit=5, slug="b")
    eva = _register(committed, first, 1)
    _register(committed, second, 1)
    response = _edit(admin_client, committed, eva, meeting=second.pk)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "přihlášena" in str(errors), errors
    assert Registration.objects.filter(meeting=second).count() == 1


def test_cancelling_in_admin_still_frees_the_seat(admin_client, committed, two_meetings):
    first, _second = two_meetings
    eva = _register(committed, first, 1)
    jan = _register(committed, first, 2)
    assert _edit(admin_client, committed, eva, status="cancelled").status_code == 302
    jan.refresh_from_db()
    eva.refresh_from_db()
    assert jan.status == "confirmed" and eva.cancelled_at is not None
    assert OutgoingEmail.objects.filter(kind="registration_promoted", to=jan.email).exists()


# --- the current site -------------------------------------------------------------------


@pytest.fixture
def second_site(home):
    from wagtail.models import Page, Site

    from home.models import HomePage

    root = Page.get_first_root_node()
    other_home = add_page(root, HomePage, title="Jiné město", slug="jine-mesto")
    Site.objects.create(hostname="jine.example", port=80, root_page=other_home)
    return other_home


def test_harmonogram_links_and_meetings_are_the_sites_own(
    client, home, group, second_site, settings
):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "jine.example"]
    ours = add_page(home, HarmonogramPage, title="Harmonogram", slug="harmonogram")
    other_index = add_page(
        second_site, WorkingGroupIndexPage, title="Pracovní skupiny", slug="skupiny"
    )
    other_group = make_group(other_index, title="Skupina jinde", slug="jinde")
    other_meeting = make_meeting(other_group, title="Setkání v jiném městě", slug="jinde")
    theirs = add_page(second_site, HarmonogramPage, title="Harmonogram jinde", slug="harm")
    our_meeting = make_meeting(group, title="Setkání u nás", slug="u-nas")
    ours_path, their_path = "/pracovni-skupiny/seniori/u-nas/", "/skupiny/jinde/jinde/"
    assert our_meeting.url.endswith(ours_path)
    assert other_meeting.url.endswith(their_path)

    ours_home = client.get("/").content.decode()
    assert ours_path in ours_home and their_path not in ours_home
    assert 'href="/harmonogram/"' in ours_home and 'href="/harm/"' not in ours_home

    other = Client(HTTP_HOST="jine.example")
    their_home = other.get("/").content.decode()
    assert their_path in their_home and ours_path not in their_home
    assert 'href="/harm/"' in their_home
    their_index = other.get("/skupiny/").content.decode()
    assert 'href="/harm/"' in their_index and "/harmonogram/" not in their_index
    assert theirs.pk != ours.pk


def test_plan_and_catalogue_look_ups_are_the_sites_own(home, second_site, settings):
    from django.test import RequestFactory

    from catalog.models import CatalogPage, TargetGroup
    from catalog.templatetags.catalog_tags import _services_context
    from kpss_pages.core.site_pages import first_site_page
    from kpss_pages.plan.models import PlanIndexPage
    from kpss_pages.plan.wagtail_hooks import plan_home_section
    from tests.plan.conftest import make_plan

    settings.ALLOWED_HOSTS = ["localhost", "jine.example"]
    pages = {}
    for name, site_home in (("ours", home), ("theirs", second_site)):
        index = add_page(site_home, PlanIndexPage, title="Komunitní plán", slug=f"plan-{name}")
        plan = make_plan(index, slug=f"kp-{name}")
        catalog = add_page(site_home, CatalogPage, title="Katalog", slug=f"katalog-{name}")
        pages[name] = (index, plan, catalog)
    seniors = TargetGroup.objects.get(slug="seniori")
    for name, host in (("ours", "localhost"), ("theirs", "jine.example")):
        request = RequestFactory().get("/", HTTP_HOST=host)
        index, plan, catalog = pages[name]
        section = plan_home_section(None, request)
        assert (section["plan_index"].pk, section["plan"].pk) == (index.pk, plan.pk), name
        context = _services_context(
            request, first_site_page(CatalogPage, request), seniors, limit=8
        )
        assert context["catalog"].pk == catalog.pk, name
