"""Every CSV and XLSX export of the demo with hostile cells: formulas and control characters
typed into public forms end up defused, the files open in openpyxl and Excel, the column
names are Czech, times are local and statuses are Czech labels."""

import csv
import datetime
import decimal
import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from catalog.models import Provider, Service
from kpss_pages.core import exports
from kpss_pages.groups.models import MembershipApplication, Registration
from kpss_pages.plan.models import Comment, MeasureStatus, SurveyPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
PAYLOADS = [HYPERLINK, "+1", "@SUM(A1)", "\x0bname", "a\x00b", "-2+3", "\tTab", "\rCR"]
DEFUSED = {
    HYPERLINK: "'" + HYPERLINK,
    "+1": "'+1",
    "@SUM(A1)": "'@SUM(A1)",
    "\x0bname": "name",
    "a\x00b": "ab",
    "-2+3": "'-2+3",
    "\tTab": "'\tTab",
    "\rCR": "'\rCR",
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUMBER = re.compile(r"^-?\d+(,\d+)?$")
# 1 July 2026 10:00 UTC is 12:00 in Prague (summer time)
MOMENT = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)


def test_cells_are_defused_and_numbers_kept():
    for payload, expected in DEFUSED.items():
        assert exports.safe_text(payload) == expected
        assert exports.csv_cell(payload) == expected
        assert exports.xlsx_value(payload) == expected
    assert exports.csv_cell(-5) == "-5" and exports.xlsx_value(-5) == -5
    assert exports.csv_cell(decimal.Decimal("-1.50")) == "-1,5"
    assert exports.xlsx_value(decimal.Decimal("-1.5")) == decimal.Decimal("-1.5")
    assert exports.csv_cell(True) == "ano" and exports.csv_cell(None) == ""
    assert exports.csv_cell(MOMENT) == "1. 7. 2026 12:00"
    assert exports.xlsx_value(MOMENT) == datetime.datetime(2026, 7, 1, 12, 0)
    assert exports.csv_cell(datetime.date(2026, 3, 9)) == "9. 3. 2026"
    assert exports.csv_cell(["=A1", "b"]) == "'=A1, b"
    assert exports.csv_cell("Obyčejný text – 5 %") == "Obyčejný text – 5 %"


def test_whole_tables():
    text = exports.csv_text(["Jméno", "Počet"], [[HYPERLINK, -3], ["\x0bEva", 2]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [["Jméno", "Počet"], ["'" + HYPERLINK, "-3"], ["Eva", "2"]]
    book = openpyxl.load_workbook(
        io.BytesIO(exports.xlsx_bytes(["Jméno", "Kdy"], [["\x00" + HYPERLINK, MOMENT]]))
    )
    sheet = book.active
    assert sheet["A2"].value == "'" + HYPERLINK and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == datetime.datetime(2026, 7, 1, 12, 0)
    assert sheet["B2"].number_format == exports.XLSX_DATETIME


# -- every export of the demo -----------------------------------------------------------
def _payload(n):
    # PostgreSQL cannot store a NUL byte at all (forms refuse it; see tests/site/test_fuzz.py)
    payloads = [p for p in PAYLOADS if "\x00" not in p or connection.vendor != "postgresql"]
    return payloads[n % len(payloads)]


@pytest.fixture
def hostile(demo):
    """Hostile values in every text a visitor or an import can put into an export."""
    for n, registration in enumerate(Registration.objects.all()):
        registration.name = _payload(n) + " Novák"
        registration.organisation = _payload(n + 1)
        registration.note = _payload(n + 2)
        registration.created_at = MOMENT
        registration.save()
    for n, application in enumerate(MembershipApplication.objects.all()):
        application.name = _payload(n)
        application.organisation = _payload(n + 1)
        application.motivation = _payload(n + 2)
        application.created_at = MOMENT
        application.save()
    Comment.objects.update(
        name="\x0b+1", organisation="@SUM(A1)", text=HYPERLINK, justification=_payload(4)
    )
    MeasureStatus.objects.update(commentary=HYPERLINK)
    for survey in SurveyPage.objects.all():
        submissions = survey.get_submission_class().objects.filter(page=survey)
        for n, submission in enumerate(submissions):
            submission.form_data = {key: _payload(n) for key in submission.form_data}
            submission.save()
    for n, provider in enumerate(Provider.objects.all()[:10]):
        Provider.objects.filter(pk=provider.pk).update(name=_payload(n) + f" {n}")
    for n, service in enumerate(Service.objects.all()[:10]):
        Service.objects.filter(pk=service.pk).update(name=_payload(n) + f" {n}")
    return True


def _check_cell(value, where):
    assert not CONTROL.search(value), (where, value)
    if value.startswith(exports.FORMULA_STARTS):
        assert NUMBER.match(value), (where, value)


def read_csv(response, where, delimiter=";"):
    assert response.status_code == 200, where
    assert response["Content-Type"].startswith("text/csv"), where
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf"), where
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))
    assert len(rows) > 1, where
    for row in rows:
        assert len(row) == len(rows[0]), (where, row)
        for value in row:
            _check_cell(value, where)
    return rows


def read_xlsx(response, where):
    assert response.status_code == 200, where
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(rows) > 1, where
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (where, cell.value)
            if isinstance(cell.value, str):
                _check_cell(cell.value, where)
    return rows, sheet


def _has_payloads(rows, where):
    cells = {value for row in rows for value in row}
    assert "'" + HYPERLINK in cells or any(
        isinstance(c, str) and c.startswith("'" + HYPERLINK) for c in cells
    ), where


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


ADMIN_EXPORTS = {
    "registrations": (
        "/admin/kpss-groups/registrations/",
        [
            "Setkání",
            "Jméno a příjmení",
            "E-mail",
            "Organizace",
            "Poznámka",
            "Stav",
            "Přihlášeno",
            "Stav e-mailu",
        ],
    ),
    "applications": (
        "/admin/kpss-groups/applications/",
        [
            "Pracovní skupina",
            "Jméno a příjmení",
            "E-mail",
            "Organizace",
            "Zapojuje se jako",
            "Motivace",
            "Stav",
            "Podáno",
        ],
    ),
    "services": ("/admin/catalog/service/", None),
    "providers": ("/admin/catalog/provider/", None),
    "subscribers": ("/admin/snippets/kpss_news/subscriber/", None),
}


def test_admin_exports(staff_client, hostile):
    status_labels = {label for _value, label in Registration.Status.choices}
    for name, (url, header) in ADMIN_EXPORTS.items():
        rows = read_csv(staff_client.get(url, {"export": "csv"}), name)
        xrows, _sheet = read_xlsx(staff_client.get(url, {"export": "xlsx"}), name)
        assert rows[0] == xrows[0], name
        if header:
            assert rows[0] == header, name
        assert all(h and h[0].isupper() for h in rows[0]), (name, rows[0])
        if name in ("registrations", "applications", "services", "providers"):
            _has_payloads(rows, name)
            _has_payloads(xrows, name)
        if name == "registrations":
            assert {row[5] for row in rows[1:]} <= {str(label) for label in status_labels}
            assert {row[5] for row in rows[1:]} & {"Potvrzeno", "Náhradník"}
            assert {row[6] for row in rows[1:]} == {"1. 7. 2026 12:00"}
            assert {row[6] for row in xrows[1:]} == {datetime.datetime(2026, 7, 1, 12, 0)}
            assert any(row[1] == "name Novák" for row in rows[1:])
            assert any(row[1] == "'+1 Novák" for row in xrows[1:])
        if name == "applications":
            assert "Nová" in {row[6] for row in rows[1:]}


def test_survey_answers_export(staff_client, hostile):
    survey = next(
        s for s in SurveyPage.objects.all() if s.get_submission_class().objects.filter(page=s)
    )
    url = reverse("wagtailforms:list_submissions", args=[survey.pk])
    rows = read_csv(staff_client.get(url, {"export": "csv"}), "survey")
    xrows, _sheet = read_xlsx(staff_client.get(url, {"export": "xlsx"}), "survey")
    assert rows[0][0] == "Datum odeslání" and rows[0] == xrows[0]
    _has_payloads(rows, "survey")
    _has_payloads(xrows, "survey")
    assert re.match(r"^\d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}$", rows[1][0])


def test_public_csv_exports(client, hostile, tmp_path):
    plan = Comment.objects.filter(moderation=Comment.Moderation.APPROVED).first().plan
    rows = read_csv(client.get(plan.url + "vyporadani-pripominek/csv/"), "settlement")
    assert rows[0][:4] == ["Č.", "Podáno", "Podal/a", "Týká se"]
    _has_payloads(rows, "settlement")

    status = MeasureStatus.objects.select_related("measure__priority__plan").first()
    plan = status.measure.priority.plan
    rows = read_csv(client.get(f"{plan.url}zprava/{status.year}/csv/"), "report")
    assert rows[0][0] == "Priorita"
    _has_payloads(rows, "report")

    rows = read_csv(client.get("/otevrena-data/katalog/sluzby.csv"), "sluzby.csv", ",")
    assert rows[0][:3] == ["id", "identifikator", "nazev"]
    _has_payloads(rows, "sluzby.csv")

    call_command("export_catalog", str(tmp_path), format=["csv"], stdout=io.StringIO())
    text = (tmp_path / "katalog-sluzeb.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    written = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    for row in written:
        for value in row:
            _check_cell(value, "export_catalog")


def test_hsds_tables_keep_standard_values_without_control_characters(client, hostile):
    import zipfile

    response = client.get("/otevrena-data/katalog/hsds.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    services = archive.read("services.csv").decode()
    assert not CONTROL.search(services)
    assert HYPERLINK.replace('"', '""') in services  # data for programs: values as stored


def test_exports_never_fail_on_an_empty_listing(staff_client, demo):
    Registration.objects.all().delete()
    response = staff_client.get("/admin/kpss-groups/registrations/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 1 and sheet["A1"].value == "Setkání"
    csv_body = staff_client.get("/admin/kpss-groups/registrations/", {"export": "csv"})
    assert b"".join(csv_body.streaming_content).startswith(b"\xef\xbb\xbfSetk")
    assert timezone.get_current_timezone_name() == "Europe/Prague"


def test_wagtail_reports_export_through_the_module(client, home):
    """Wagtail's own exports (here the site history) get the same treatment."""
    from wagtail.log_actions import log

    user = UserFactory(is_staff=True, is_superuser=True)
    home.title = home.draft_title = "\x0b" + HYPERLINK
    home.save()
    log(instance=home, action="wagtail.edit", user=user)
    client.force_login(user)
    url = reverse("wagtailadmin_reports:site_history")
    rows = read_csv(client.get(url, {"export": "csv"}), "site history")
    _has_payloads(rows, "site history")
    assert rows[0][:2] == ["ID", "Název"]  # the object's name: Wagtail's own Czech
    assert any(re.match(r"^\d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}$", row[-1]) for row in rows[1:])
    xrows, _sheet = read_xlsx(client.get(url, {"export": "xlsx"}), "site history")
    _has_payloads(xrows, "site history")
