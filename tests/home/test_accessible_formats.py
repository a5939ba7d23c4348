"""Accessible formats are findable as such: the site search lists the pages with an
easy-to-read summary (?typ=snadne-cteni) and with a video in sign language
(?typ=znakova-rec), without words or as a filter of a search's results."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from kpss_pages.core.page_queries import is_sign_language_video, pages_with_block
from kpss_pages.plan.models import PlanChapterPage

pytestmark = pytest.mark.usefixtures("demo")


def _results(client, query):
    html = BeautifulSoup(client.get("/hledat/" + query).content, "html.parser")
    return html, [a.get_text() for a in html.select(".search-results h3 a")]


def test_easy_to_read_list_without_words(client):
    with_summary = [
        page
        for page in PlanChapterPage.objects.live()
        if any(block.block_type == "easy_read" for block in page.body)
    ]
    assert with_summary
    html, titles = _results(client, "?typ=snadne-cteni")
    assert sorted(titles) == sorted(page.title for page in with_summary)
    assert html.select_one(".search-summary").get_text() == f"Snadné čtení ({len(titles)})"
    current = html.select_one(".search-formats [aria-current=page]")
    assert current.get_text() == "Snadné čtení"
    assert html.title.get_text().startswith("Snadné čtení – Hledat")


def test_sign_language_list_and_link_from_the_search_page(client):
    html, _titles = _results(client, "")
    link = html.select_one('.search-formats a[href="?typ=znakova-rec"]')
    assert link.get_text() == "Ve znakovém jazyce"
    _html, titles = _results(client, "?typ=znakova-rec")
    assert titles == ["Znaková řeč"]


def test_format_is_a_filter_of_a_search(client):
    html, titles = _results(client, "?q=znakov%C3%A9&typ=znakova-rec")
    assert titles == ["Znaková řeč"]
    kinds = [a.get_text() for a in html.select(".search-kinds li")]
    assert any(kind.startswith("Ve znakovém jazyce (1)") for kind in kinds)
    _html, titles = _results(client, "?q=zzzzneexistuje&typ=znakova-rec")
    assert titles == []


def test_private_and_draft_pages_are_not_listed(client):
    pages = pages_with_block("video", is_sign_language_video)
    assert [page.slug for page in pages] == ["znakova-rec"]
    PageViewRestriction.objects.create(page=pages[0], restriction_type="login")
    assert pages_with_block("video", is_sign_language_video) == []
    _html, titles = _results(client, "?typ=znakova-rec")
    assert titles == []
