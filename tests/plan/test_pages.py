import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpss_pages.plan.models import PlanChapterPage, PlanPage

from .conftest import SWOT, add_chapter, make_plan

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_outline_numbers_nested_chapters_in_reading_order(plan):
    outline = [(c.number, c.title) for c in plan.outline]
    assert outline == [
        ("1", "Analytická část"),
        ("1.1", "Socio-demografický popis"),
        ("1.2", "SWOT analýzy"),
        ("2", "Návrhová část"),
    ]


def test_plan_page_shows_timeline_and_toc(client, plan):
    html = soup(client.get(plan.url))
    assert len(html.find_all("h1")) == 1
    steps = html.select(".plan-timeline ol > li")
    assert len(steps) == 6
    current = html.select_one('[aria-current="step"]')
    assert "V realizaci" in current.get_text() or "In implementation" in current.get_text()
    assert "ZM/12/2024" in html.select(".plan-timeline li")[3].get_text()
    toc = [a.get_text(strip=True) for a in html.select(".plan-toc a")]
    assert toc[1] == "1.1 Socio-demografický popis"


def test_outline_loads_titles_and_addresses_not_content(client, plan, uncached_pages):
    """A chapter's contents, pager and subchapters come from the plan's outline, which
    does not load the chapters' content (only the chapter shown is read whole); the PDF
    reads every chapter with its content."""
    from kpss_pages.plan.pdf import plan_pdf_context

    chapter = PlanChapterPage.objects.get(slug="analyticka-cast")
    draft = PlanChapterPage.objects.get(slug="swot")
    draft.unpublish()
    client.get(chapter.url)
    with CaptureQueriesContext(connection) as ctx:
        html = soup(client.get(chapter.url))
    bodies = [q for q in ctx.captured_queries if '"kpss_plan_planchapterpage"."body"' in q["sql"]]
    assert len(bodies) == 1  # the chapter itself
    subchapters = [a.get_text(strip=True) for a in html.select("#subchapters-title + ul a")]
    assert subchapters == ["Socio-demografický popis"]  # live ones only
    assert [c.title for c in PlanChapterPage.objects.get(slug="popis").subchapters()] == []
    chapters = plan_pdf_context(PlanPage.objects.get(pk=plan.pk))["chapters"]
    assert [c.number for c in chapters] == ["1", "1.1", "2"]
    with CaptureQueriesContext(connection) as ctx:
        assert [bool(c.body) for c in chapters] == [False, False, True]
    assert not ctx.captured_queries  # loaded with the chapters


def test_chapter_has_number_and_previous_next_links(client, plan):
    chapter = PlanChapterPage.objects.get(slug="popis")
    html = soup(client.get(chapter.url))
    assert html.h1.get_text(" ", strip=True).startswith("1.1")
    prev = html.select_one('.plan-pager a[rel="prev"]')
    nxt = html.select_one('.plan-pager a[rel="next"]')
    assert prev["href"].endswith("/analyticka-cast/")
    assert nxt["href"].endswith("/analyticka-cast/swot/")
    last = PlanChapterPage.objects.get(slug="navrhova-cast")
    html = soup(client.get(last.url))
    assert html.select_one('.plan-pager a[rel="next"]') is None


def test_chapter_title_names_its_number_and_plan(client, plan):
    chapter = PlanChapterPage.objects.get(slug="popis")
    title = soup(client.get(chapter.url)).title.get_text(strip=True)
    assert title.startswith(f"1.1 Socio-demografický popis – {plan.title}")


def test_swot_is_four_headed_sections(client, plan):
    html = soup(client.get(PlanChapterPage.objects.get(slug="swot").url))
    cells = html.select(".swot__cell")
    assert len(cells) == 4
    assert [c.h3.get_text() for c in cells] == [
        "Silné stránky",
        "Slabé stránky",
        "Příležitosti",
        "Hrozby",
    ]
    assert "Dotace kraje" in cells[2].get_text()


def test_chart_block_renders_accessible_svg_with_table(client, plan):
    chapter = add_chapter(
        plan,
        "Statistiky",
        "statistiky",
        body=[
            (
                "chart",
                {
                    "title": "Obyvatelé 65+",
                    "description": "Počet obyvatel nad 65 let roste.",
                    "unit": "osob",
                    "items": [
                        {"label": "2015", "value": "1200"},
                        {"label": "2023", "value": "1650"},
                    ],
                    "source": "ČSÚ",
                    "year": 2023,
                },
            ),
            (
                "statistics",
                {
                    "caption": "Věková struktura",
                    "table": {
                        "data": [["Věk", "Počet"], ["65+", "1650"]],
                        "first_row_is_table_header": True,
                    },
                    "source": "ČSÚ",
                    "year": 2023,
                },
            ),
            ("easy_read", {"title": "Srozumitelně", "text": "<p>Lidí nad 65 let přibývá.</p>"}),
        ],
    )
    html = soup(client.get(chapter.url))
    svg = html.find("svg", attrs={"role": "img"})
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("desc")["id"] == desc_id
    assert "roste" in svg.find("desc").get_text()
    widths = [int(r["width"]) for r in svg.find_all("rect")]
    assert widths[1] > widths[0]
    table = html.select_one(".chart__table")
    assert [td.get_text() for td in table.select("tbody td")] == ["1200", "1650"]
    stats = html.select_one(".stats-table")
    assert "ČSÚ, 2023" in stats.get_text()
    assert [th.get_text(strip=True) for th in stats.select("table thead th")] == ["Věk", "Počet"]
    assert [td.get_text(strip=True) for td in stats.select("table tbody tr > *")] == ["65+", "1650"]
    assert "Srozumitelně" in html.select_one(".easy-read h2").get_text()


def test_chapter_places_measures_of_a_target_group(client, plan, measures):
    html = soup(client.get(PlanChapterPage.objects.get(slug="navrhova-cast").url))
    titles = [h.get_text(" ", strip=True) for h in html.select(".plan-measure__title")]
    assert titles and all("Opatření 1." in t for t in titles)  # priority 1 = seniors only


def test_index_prominent_current_plan_and_archived_plan_readable(client, plan_index, plan):
    old = make_plan(
        plan_index,
        title="Komunitní plán 2021–2024",
        slug="plan-2021",
        start_year=2021,
        end_year=2024,
        status="archived",
    )
    html = soup(client.get(plan_index.url))
    assert plan.title in html.select_one(".plan-current").get_text()
    assert old.title in html.select_one(".cards").get_text()
    html = soup(client.get(old.url))
    assert "nepl" in html.select_one(".callout").get_text().lower()


def test_plan_validation():
    plan = PlanPage(title="X", slug="x", start_year=2025, end_year=2024, status="consultation")
    with pytest.raises(ValidationError) as err:
        plan.clean()
    assert {"end_year", "consultation_deadline"} <= set(err.value.message_dict)
    plan = PlanPage(
        title="X",
        slug="x",
        start_year=2025,
        end_year=2028,
        status="approved",
        approved_on=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as err:
        plan.clean()
    assert "resolution_number" in err.value.message_dict


def test_editor_previews_render(plan, measures):
    from kpss_pages.plan.models import PlanChapterPage as Chapter

    chapter = Chapter.objects.get(slug="navrhova-cast")
    for page in (plan, chapter, plan.get_parent().specific):
        response = page.make_preview_request()
        assert response.status_code == 200
    new = Chapter(title="Nová kapitola", slug="nova", body=[("swot", SWOT)])
    new.depth = plan.depth + 1
    new.path = plan.get_last_child()._inc_path()
    assert new.make_preview_request().status_code == 200
