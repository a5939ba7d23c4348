import csv
import datetime
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from kpss_pages.plan.models import PlanChapterPage

from .conftest import set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(plan, measures):
    ind = [m.indicators.first() for m in measures]
    set_status(measures[0], 2025, "in_progress", "Jednání s poskytovatelem.", [(ind[0], 20)])
    set_status(measures[0], 2026, "fulfilled", "Služba rozšířena o 2 úvazky.", [(ind[0], 52)])
    set_status(measures[1], 2026, "partly", "Část aktivit odložena.")
    set_status(measures[3], 2026, "continuous", "Poradna funguje celoročně.")
    set_status(measures[4], 2026, "not_fulfilled", "Nezískána dotace.")
    return measures


def report_url(plan, year, suffix=""):
    return f"{plan.url}zprava/{year}/{suffix}"


def test_report_page_summary_groups_and_comparison(client, plan, monitored):
    response = client.get(report_url(plan, 2026))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text() == "Zpráva o naplňování komunitního plánu za rok 2026"
    summary = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in html.select("#summary-caption")[0].find_parent("table").select("tbody tr")
    }
    assert summary["Splněno"] == ["1", "0", "+1"]
    assert summary["Probíhá"] == ["0", "1", "-1"]
    assert summary["Zatím nehodnoceno"] == ["2", "5", ""]
    groups = html.select_one("#groups-caption").find_parent("table")
    seniors = [tr for tr in groups.select("tbody tr") if tr.th.get_text() == "Senioři"][0]
    assert seniors.find_all("td")[-1].get_text() == "3"
    first = html.select_one("#report-caption-1").find_parent("table").select("tbody tr")[0]
    cells = [td.get_text(" ", strip=True) for td in first.find_all("td")]
    assert cells[0] == "Splněno" and cells[1].startswith("Probíhá")
    assert "52 / 50 osob" in cells[3]


def test_report_for_year_without_data_is_404(client, plan, monitored):
    assert client.get(report_url(plan, 2024)).status_code == 404
    assert client.get(report_url(plan, 2026, "xml/")).status_code == 404


def test_report_csv(client, plan, monitored):
    response = client.get(report_url(plan, 2026, "csv/"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Priorita", "Cílová skupina", "Opatření", "Název opatření", "Stav"]
    assert rows[1][2:6] == ["1.1", "Opatření 1.1 – rozšíření služby", "Splněno", "Probíhá"]
    assert "Počet podpořených osob: 52 / 50 osob" in rows[1][7]
    assert rows[3][4] == "Zatím nehodnoceno"
    assert len(rows) == 7


def test_report_json_for_regional_office(client, plan, monitored):
    response = client.get(report_url(plan, 2026, "json/"))
    data = json.loads(response.content)
    assert data["format"] == "kpss-plan-report/1"
    assert data["orp"] == "ORP Zkušebnice" and data["year"] == 2026
    assert data["plan"]["start_year"] == 2025
    assert data["summary"]["by_status"]["fulfilled"] == 1
    assert data["summary"]["previous_year_by_status"]["in_progress"] == 1
    assert data["summary"]["not_evaluated"] == 2
    seniors = data["summary"]["by_target_group"][0]
    assert seniors["target_group"] == "seniori" and seniors["by_status"]["partly"] == 1
    m11 = data["priorities"][0]["measures"][0]
    assert m11["status"] == "fulfilled" and m11["previous_status"] == "in_progress"
    assert m11["indicators"][0] == {
        "name": "Počet podpořených osob",
        "unit": "osob",
        "target": 50,
        "value": 52,
        "previous_value": 20,
    }


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_report_pdf_has_czech_text(client, plan, monitored):
    response = client.get(report_url(plan, 2026, "pdf/"))
    assert response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(response.content)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Zpráva o naplňování komunitního plánu za rok 2026" in text
    assert "Služba rozšířena o 2 úvazky." in text
    assert "Částečně splněno" in text


def test_plan_pdf_chapters_toc_measures_and_cache(client, plan, monitored):
    response = client.get(plan.url + "pdf/")
    reader, text = pdf_text(response.content)
    assert reader.trailer["/Root"]["/Lang"] == "cs" and "/StructTreeRoot" in reader.trailer["/Root"]
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
    assert "Socio-demografický popis" in text and "Silné stránky" in text
    assert "Tabulka priorit a opatření" in text
    assert "Opatření 1.1 – rozšíření služby" in text or "1.1 Opatření 1.1" in text
    # The TOC carries page numbers from target-counter() (its leader dots are no text).
    toc_page = reader.pages[1].extract_text()
    assert toc_page.startswith("Obsah")
    pages = dict(re.findall(r"^(\d(?:\.\d)?) .*?\s(\d+)$", toc_page, re.M))
    assert pages["1.2"] == "3" and int(pages["2"]) > 3
    # Cached until a chapter changes.
    again = client.get(plan.url + "pdf/")
    assert again.content == response.content
    chapter = PlanChapterPage.objects.get(slug="popis")
    chapter.title = "Socio-demografický popis území ORP"
    chapter.save_revision().publish()
    text = pdf_text(client.get(plan.url + "pdf/").content)[1]
    assert "Socio-demografický popis území ORP" in text
    measure = monitored[0]
    measure.title = "Rozšíření pečovatelské služby do obcí"
    measure.save()
    text = pdf_text(client.get(plan.url + "pdf/").content)[1]
    assert "Rozšíření pečovatelské služby do obcí" in text


def test_report_pdf_cache_follows_monitoring_changes(client, plan, monitored):
    first = client.get(report_url(plan, 2026, "pdf/")).content
    assert client.get(report_url(plan, 2026, "pdf/")).content == first
    set_status(monitored[1], 2026, "fulfilled", "Dokončeno v prosinci.")
    text = pdf_text(client.get(report_url(plan, 2026, "pdf/")).content)[1]
    assert "Dokončeno v prosinci." in text


@pytest.mark.parametrize("year", ["99999999999999999999", "0", "2024"])
def test_report_bad_years_are_404(client, plan, monitored, year):
    assert client.get(f"{plan.url}zprava/{year}/").status_code == 404
    assert client.get(f"{plan.url}zprava/{year}/json/").status_code == 404


def test_report_shows_council_approval_and_json_carries_it(client, plan, monitored):
    from kpss_pages.plan.models import YearReport

    assert "zatím neprojednala" in client.get(report_url(plan, 2026)).content.decode()
    YearReport.objects.create(
        plan=plan,
        year=2026,
        council_date=datetime.date(2027, 3, 15),
        council_resolution="RM/40/2027",
        sent_to_region_on=datetime.date(2027, 4, 30),
    )
    html = BeautifulSoup(client.get(report_url(plan, 2026)).content, "html.parser")
    text = html.select_one(".report-approval").get_text(" ", strip=True)
    assert "15. 3. 2027" in text and "RM/40/2027" in text and "30. 4. 2027" in text
    data = json.loads(client.get(report_url(plan, 2026, "json/")).content)
    assert data["approval"]["council_resolution"] == "RM/40/2027"
    assert data["approval"]["assembly_date"] is None
    assert "RM/40/2027" in pdf_text(client.get(report_url(plan, 2026, "pdf/")).content)[1]


def test_the_yearly_report_is_read_from_the_plan_without_a_request(
    plan, monitored, django_assert_max_num_queries
):
    """Issue 12 item 8: the report's page, PDF, CSV and JSON share PlanPage.yearly_report()
    (kpss_pages/plan/models/report.py), not a function in views/; its queries do not grow
    with the number of measures."""
    from kpss_pages.plan.models import YearReport

    with django_assert_max_num_queries(8):
        report = plan.yearly_report(2026)
    summary = {row["status"]: (row["count"], row["previous"]) for row in report["summary"]}
    assert summary["fulfilled"] == (1, 0) and summary["in_progress"] == (0, 1)
    assert report["not_evaluated"] == 2 and report["total"] == len(monitored)
    assert report["approval"] is None and report["has_previous"]
    approval = YearReport.objects.create(plan=plan, year=2026, council_resolution="RM/1/2027")
    assert plan.yearly_report(2026)["approval"] == approval == YearReport.for_year(plan, 2026)
    assert YearReport.for_year(plan, 2025) is None
