"""The plan's PDF as assistive technology reads it (its structure tree): the contents are
single links without leader dots in their text, the chart has an alternative text that
gives its data."""

import pytest

from tests import pdf_structure

from .conftest import add_chapter

pytestmark = pytest.mark.django_db

CHART = {
    "title": "Počet seniorů v ORP",
    "description": "Počet lidí nad 65 let roste.",
    "unit": "osob",
    "items": [{"label": "2020", "value": "1200"}, {"label": "2024", "value": "1450.5"}],
    "source": "ČSÚ",
    "year": 2024,
}


def test_contents_entries_are_single_links_without_leader_text(client, plan, measures):
    add_chapter(
        plan,
        "Statistiky s velmi dlouhým názvem kapitoly, který se na jeden řádek obsahu nevejde",
        "statistiky",
    )
    tagged = pdf_structure.read(client.get(plan.url + "pdf/").content)
    entries = pdf_structure.contents_entries(tagged)
    assert list(entries) == [
        "1 Analytická část",
        "1.1 Socio-demografický popis",
        "1.2 SWOT analýzy",
        "2 Návrhová část",
        "3 Statistiky s velmi dlouhým názvem kapitoly, který se na jeden řádek obsahu nevejde",
        "Tabulka priorit a opatření",
    ]
    assert entries["1.1 Socio-demografický popis"] == 3
    assert entries["Tabulka priorit a opatření"] > entries["2 Návrhová část"] > 3


def test_chart_figure_has_an_alternative_text_with_its_data(client, plan):
    add_chapter(plan, "Statistiky", "statistiky", body=[("chart", CHART)])
    tagged = pdf_structure.read(client.get(plan.url + "pdf/").content)
    figures = list(tagged.iter("Figure"))
    assert len(figures) == 1
    assert figures[0].alt == (
        "Graf: Počet seniorů v ORP (2024). Počet lidí nad 65 let roste. "
        "Data: 2020: 1200 osob; 2024: 1450,5 osob. Zdroj: ČSÚ"
    )
    # the data table stays beside it
    captions = [caption.text for caption in tagged.iter("Caption")]
    assert "Data grafu: Počet seniorů v ORP" in captions


def test_chart_description_without_full_stop_gets_one(client, plan):
    chart = dict(CHART, description="Roste", source="", year=None, unit="")
    add_chapter(plan, "Statistiky", "statistiky", body=[("chart", chart)])
    tagged = pdf_structure.read(client.get(plan.url + "pdf/").content)
    (figure,) = tagged.iter("Figure")
    assert figure.alt == "Graf: Počet seniorů v ORP. Roste. Data: 2020: 1200; 2024: 1450,5."


def test_web_chart_keeps_its_own_template(client, plan):
    chapter = add_chapter(plan, "Statistiky", "statistiky", body=[("chart", CHART)])
    html = client.get(chapter.url).content.decode()
    assert "<title id=" in html and "Graf: Počet seniorů" not in html
