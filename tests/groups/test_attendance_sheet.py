"""The attendance sheet (prezenční listina) of a meeting: a tagged PDF for staff."""

import io
from io import BytesIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, streamfield

from kpss_pages.core.models import KpssSettings
from kpss_pages.groups.models import Registration
from tests.factories import UserFactory

from .conftest import make_meeting, prague

pytestmark = pytest.mark.django_db

FUNDING = (
    "Projekt Komunitní plánování sociálních služeb na Ostrovsku, reg. č. "
    "CZ.03.02.02/00/22_999, je spolufinancován Evropskou unií."
)


@pytest.fixture
def sheet_meeting(group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(
        group,
        start=prague(2024, 8, 2, 9, 0),
        title="Setkání pracovní skupiny Senioři – návrhová část",
        room="velká zasedací místnost",
        address="Náměstí Míru 1, Ostrov nad Vlčinou",
    )
    for name, organisation, status in (
        ("Žofie Šťastná", "Spolek Čtyřlístek", Registration.Status.CONFIRMED),
        ("Adam Černý", "Charita Ostrov", Registration.Status.CONFIRMED),
        ("Vít Náhradník", "Diakonie", Registration.Status.WAITLIST),
        ("Olga Odhlášená", "", Registration.Status.CANCELLED),
    ):
        Registration.objects.create(
            meeting=meeting, name=name, organisation=organisation, status=status
        )
    buffer = BytesIO()
    PILImage.new("RGB", (120, 40), "#003399").save(buffer, "PNG")
    logo = get_image_model().objects.create(
        title="Logo EU", file=ImageFile(buffer, name="eu-logo.png")
    )
    site_settings = KpssSettings.objects.get()
    site_settings.funding_text = FUNDING
    site_settings.funding_logos = [
        (
            "logo",
            {"image": logo, "alt_text": "Spolufinancováno Evropskou unií", "decorative": False},
        )
    ]
    site_settings.save()
    return meeting


def sheet_url(meeting):
    return f"/admin/kpss-groups/meetings/{meeting.pk}/attendance-sheet/"


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_attendance_sheet_lists_confirmed_people_with_funding_line(admin_client, sheet_meeting):
    response = admin_client.get(sheet_url(sheet_meeting))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "prezencni-listina-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]  # registrants' names: never cached
    reader, text = pdf_text(response)
    flat = " ".join(text.split())
    for expected in (
        "Prezenční listina",
        "Setkání pracovní skupiny Senioři – návrhová část",
        "Pracovní skupina Senioři",
        "2. 8. 2024, 9:00–11:00",
        "velká zasedací místnost, Náměstí Míru 1, Ostrov nad Vlčinou",
        "Jméno a příjmení",
        "Organizace",
        "Podpis",
        "Žofie Šťastná",
        "Spolek Čtyřlístek",
        "Adam Černý",
        "Charita Ostrov",
        FUNDING,
        "2 potvrzené přihlášky",
    ):
        assert expected in flat, expected
    assert "Vít Náhradník" not in flat and "Olga Odhlášená" not in flat
    assert flat.index("Adam Černý") < flat.index("Žofie Šťastná")  # Czech alphabetical order
    # Rows 3 to 12 are left empty for people who come without registering.
    assert [line for line in text.splitlines() if line.strip() == "12"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "cs" and "/StructTreeRoot" in root  # tagged, like the other PDFs
    resources = reader.pages[0]["/Resources"]
    assert resources.get("/XObject"), "the funding logo is on the sheet"
    figures = [
        node.get("/Alt")
        for node in structure(root["/StructTreeRoot"])
        if node.get("/S") == "/Figure"
    ]
    assert figures == ["Spolufinancováno Evropskou unií"]  # the logo's alternative text


def structure(node):
    """Every element of a PDF's structure tree."""
    node = node.get_object()
    children = node.get("/K")
    children = children if isinstance(children, list) else [children]
    for child in children:
        child = child.get_object() if hasattr(child, "get_object") else child
        if isinstance(child, dict):
            yield child
            yield from structure(child)


def test_attendance_sheet_without_funding_settings_still_renders(admin_client, group):
    meeting = make_meeting(group, start=prague(2024, 8, 2, 9, 0))
    response = admin_client.get(sheet_url(meeting))
    assert response.status_code == 200
    _reader, text = pdf_text(response)
    assert "Prezenční listina" in text and "0 potvrzených přihlášek" in " ".join(text.split())


def test_attendance_sheet_of_an_unknown_meeting_is_404(admin_client, group):
    assert (
        admin_client.get("/admin/kpss-groups/meetings/999999/attendance-sheet/").status_code == 404
    )


def _user(*codenames, admin=True):
    user = UserFactory()
    perms = list(Permission.objects.filter(codename__in=codenames))
    if admin:
        perms.append(Permission.objects.get(codename="access_admin"))
    user.user_permissions.add(*perms)
    return user


def test_anonymous_visitors_are_sent_to_log_in(client, sheet_meeting):
    response = client.get(sheet_url(sheet_meeting))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "codenames",
    [
        (),  # an editor of something else
        ("view_registration",),  # may see registrations, edits neither them nor the meeting
        ("change_registration",),  # without seeing who registered
    ],
)
def test_staff_who_may_not_edit_the_meeting_or_its_registrations_get_403(
    client, sheet_meeting, codenames
):
    client.force_login(_user(*codenames))
    response = client.get(sheet_url(sheet_meeting))
    assert response.status_code == 403
    assert "Žofie" not in response.content.decode()
    assert "Nemáte oprávnění tisknout prezenční listinu" in response.content.decode()


def test_registration_managers_and_the_groups_editors_may_print(client, sheet_meeting, group):
    client.force_login(_user("view_registration", "change_registration"))
    assert client.get(sheet_url(sheet_meeting)).status_code == 200
    editors = Group.objects.create(name="Editoři skupiny Senioři")
    GroupPagePermission.objects.create(group=editors, page=group, permission_type="change")
    editor = _user("view_registration")
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get(sheet_url(sheet_meeting)).status_code == 200


def test_meeting_admin_page_and_its_registrations_link_to_the_sheet(admin_client, sheet_meeting):
    url = sheet_url(sheet_meeting)
    edit = admin_client.get(f"/admin/pages/{sheet_meeting.pk}/edit/").content.decode()
    assert f'href="{url}"' in edit and "Prezenční listina (PDF)" in edit
    listing = admin_client.get(f"/admin/kpss-groups/registrations/?meeting={sheet_meeting.pk}")
    assert f'href="{url}"' in listing.content.decode()
    unfiltered = admin_client.get("/admin/kpss-groups/registrations/?meeting=x²")
    assert unfiltered.status_code == 200 and "attendance-sheet" not in unfiltered.content.decode()


def test_the_link_is_not_offered_to_those_who_may_not_print(client, sheet_meeting):
    client.force_login(_user("view_registration"))
    listing = client.get(f"/admin/kpss-groups/registrations/?meeting={sheet_meeting.pk}")
    assert listing.status_code == 200 and "attendance-sheet" not in listing.content.decode()


def test_a_user_without_admin_access_gets_no_sheet(client, sheet_meeting):
    """Wagtail sends a logged-in user without admin access to its login page (with
    "Nemáte oprávnění…"), as for every admin address; the PDF is never sent."""
    client.force_login(_user("view_registration", "change_registration", admin=False))
    response = client.get(sheet_url(sheet_meeting))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_funding_line_and_logos_are_edited_in_the_settings(admin_client, group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site_settings = KpssSettings.objects.get()
    url = f"/admin/settings/kpss_core/kpsssettings/{site_settings.site_id}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Financování projektu (tištěné dokumenty)" in page.content.decode()
    buffer = BytesIO()
    PILImage.new("RGB", (120, 40), "#003399").save(buffer, "PNG")
    logo = get_image_model().objects.create(title="Logo MPSV", file=ImageFile(buffer, name="m.png"))
    data = nested_form_data(
        {
            "municipality_name": "Město Zkušebnice",
            "orp_name": "ORP Zkušebnice",
            "logo": "",
            "coordinator_name": "",
            "coordinator_role": "",
            "coordinator_email": "",
            "coordinator_phone": "",
            "office_address": "",
            "social_links": streamfield([]),
            "accessibility_page": "",
            "funding_text": FUNDING,
            "funding_logos": streamfield(
                [("logo", {"image": logo.pk, "alt_text": "Ministerstvo práce a sociálních věcí"})]
            ),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    site_settings.refresh_from_db()
    assert site_settings.funding_text == FUNDING
    [block] = site_settings.funding_logos
    assert block.value.contextual_alt_text == "Ministerstvo práce a sociálních věcí"
