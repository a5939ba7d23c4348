import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kpss_pages.plan.models import Measure, PlanChapterPage

from .conftest import add_measures, set_status

pytestmark = pytest.mark.django_db


def overview_url(plan, query=""):
    return plan.url + "opatreni/" + query


def shown_numbers(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [
        h.get_text(" ", strip=True).split()[1].rstrip(":")
        for h in html.select(".plan-measure__title")
    ]


def test_overview_lists_all_measures_grouped_by_priority(client, plan, measures):
    response = client.get(overview_url(plan))
    assert response.status_code == 200
    assert shown_numbers(response) == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]


def test_overview_filters_by_target_group_and_latest_status(client, plan, measures):
    set_status(measures[0], 2025, "in_progress")
    set_status(measures[0], 2026, "fulfilled")  # latest status counts
    set_status(measures[1], 2025, "fulfilled")
    set_status(measures[3], 2026, "in_progress")
    assert shown_numbers(client.get(overview_url(plan, "?skupina=rodiny-s-detmi"))) == [
        "2.1",
        "2.2",
        "2.3",
    ]
    assert shown_numbers(client.get(overview_url(plan, "?stav=fulfilled"))) == ["1.1", "1.2"]
    assert shown_numbers(client.get(overview_url(plan, "?stav=in_progress"))) == ["2.1"]
    assert shown_numbers(client.get(overview_url(plan, "?stav=none&skupina=seniori"))) == ["1.3"]


@pytest.mark.parametrize("query", ["?stav=bogus", "?skupina=" + "x" * 5000, "?page=abc"])
def test_overview_ignores_bad_query_strings(client, plan, measures, query):
    response = client.get(overview_url(plan, query))
    assert response.status_code == 200
    assert len(shown_numbers(response)) == 6


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_measures(client, plan):
    chapter = PlanChapterPage.objects.get(slug="navrhova-cast")
    add_measures(plan, priorities=2, per_priority=2)
    for m in Measure.objects.all():
        set_status(m, 2025, "in_progress", values=[(m.indicators.first(), 3)])
    urls = [
        overview_url(plan),
        chapter.url,
        plan.url + "zprava/2025/",
        plan.url + "zprava/2025/json/",
    ]
    small = [count_queries(client, url) for url in urls]
    add_measures(plan, priorities=4, per_priority=3)
    for m in Measure.objects.filter(statuses__isnull=True):
        set_status(m, 2025, "fulfilled", values=[(m.indicators.first(), 7)])
    large = [count_queries(client, url) for url in urls]
    assert Measure.objects.count() == 16
    assert large == small


def test_overview_reads_what_it_shows_only(client, plan, measures, uncached_pages):
    """The overview and the measures block show no indicators (the measure's page and the
    PDF do), and the breadcrumbs take the ancestors the routing loaded: neither is read."""
    chapter = PlanChapterPage.objects.get(slug="navrhova-cast")  # holds a measures block
    for url in (overview_url(plan), chapter.url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        sql = [q["sql"] for q in ctx.captured_queries]
        assert not [q for q in sql if "kpss_plan_indicator" in q], url
        html = BeautifulSoup(response.content, "html.parser")
        links = html.select(".plan-measure__title a")
        assert links and all(a["href"].startswith(plan.url + "opatreni/") for a in links)
    crumbs = BeautifulSoup(client.get(overview_url(plan)).content, "html.parser")
    trail = [li.get_text(strip=True) for li in crumbs.select("nav.breadcrumbs li")]
    assert trail == ["Úvod", plan.get_parent().title, plan.title, "Priority a opatření"]


def test_measure_detail_and_unknown_number(client, plan, measures):
    set_status(
        measures[0], 2025, "in_progress", "Probíhá jednání.", [(measures[0].indicators.first(), 12)]
    )
    response = client.get(plan.url + "opatreni/1-1/")
    html = BeautifulSoup(response.content, "html.parser")
    assert "Opatření 1.1" in html.h1.get_text()
    assert "12" in html.select_one("table tbody td:nth-of-type(2)").get_text()
    assert client.get(plan.url + "opatreni/9-9/").status_code == 404


def test_measure_number_validation(plan, measures):
    from django.core.exceptions import ValidationError

    measure = Measure(priority=measures[0].priority, number="2.1", title="X")
    with pytest.raises(ValidationError):
        measure.full_clean()
    measure.number = "1.1"
    with pytest.raises(ValidationError):
        measure.full_clean()
    measure.number = "1.10"
    measure.full_clean()
    measure.save()
    assert list(measures[0].priority.measures.values_list("number", flat=True)) == [
        "1.1",
        "1.2",
        "1.3",
        "1.10",
    ]
