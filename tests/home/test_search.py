"""One search for everything a citizen may look for, on the demo."""

import re

import pytest

pytestmark = pytest.mark.django_db


def results(client, query, kind=""):
    response = client.get("/hledat/", {"q": query, **({"typ": kind} if kind else {})})
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<h3><a href="[^"]+">(.+?)</a></h3>', html)
    return html, [re.sub(r"</?mark>", "", title) for title in titles]


def test_a_word_without_diacritics_finds_the_shelter_service(client, demo):
    html, titles = results(client, "azylovy")
    assert "Azylový dům pro matky s dětmi Vlčina" in titles
    assert "Služby v katalogu" in html
    assert "<mark>" in html


def test_partial_words_find_what_whole_words_find(rf, demo):
    from home.search import search_everything

    def urls(query):
        found = search_everything(rf.get("/hledat/"), query)
        return {result.url for results in found.values() for result in results}

    whole, part = urls("seniori"), urls("senio")
    assert whole and whole <= part
    assert urls("dluhy") and urls("dluhy") <= urls("dluh")
    assert urls("SENIORI") == whole


def test_measures_and_pages_are_found_and_filtered_by_kind(client, demo):
    from kpss_pages.plan.models import Measure

    measure = Measure.objects.filter(priority__plan__live=True).first()
    word = max(re.findall(r"\w{6,}", measure.title), key=len)
    html, titles = results(client, word)
    assert f"{measure.number} {measure.title}" in titles
    _, only = results(client, word, "opatreni")
    assert only and all(re.match(r"\d+\.\d+ ", title) for title in only)
    html, _ = results(client, word, "opatreni")
    assert 'aria-current="page">Opatření plánu' in html
    measure_link = client.get("/hledat/", {"q": word, "typ": "opatreni"}).content.decode()
    url = re.search(r'<h3><a href="([^"]+)">', measure_link).group(1)
    assert client.get(url).status_code == 200


def test_nothing_found_and_junk_kind(client, demo):
    html, titles = results(client, "xyzzyneexistuje", "neznamy")
    assert titles == []
    assert "Nic jsme nenašli" in html or "nenalezen" in html.lower()


def test_page_results_show_their_lead_or_search_description_highlighted(client, demo):
    from kpss_pages.news.models import ArticlePage

    article = ArticlePage.objects.live().exclude(lead="").order_by("path").first()
    word = max(re.findall(r"\w{7,}", article.lead), key=len)
    html = client.get("/hledat/", {"q": word, "typ": "stranky"}).content.decode()
    item = html[html.index(f'href="{article.url}"') :]
    excerpt = re.search(r"<p>(.*?)</p>", item, re.S).group(1)
    assert "<mark>" in excerpt
    assert re.sub(r"</?mark>", "", excerpt).strip(" …")[:30] in article.lead

    article.search_description = f"Popis pro vyhledávače: {word}"
    article.save_revision().publish()
    html = client.get("/hledat/", {"q": word, "typ": "stranky"}).content.decode()
    assert "Popis pro vyhledávače:" in html


def test_excerpts_of_rich_text_introductions_show_words_not_tags(client, demo):
    """An introduction is rich text (HTML): its excerpt is the text, highlighted."""
    from kpss_pages.groups.models import HarmonogramPage

    page = HarmonogramPage.objects.live().first()
    assert page.intro.startswith("<p")
    html = client.get("/hledat/", {"q": "harmonogram", "typ": "stranky"}).content.decode()
    item = html[html.index(f'<h3><a href="{page.url}"') :]
    excerpt = re.search(r"<p>(.*?)</p>", item, re.S).group(1)
    assert "&lt;" not in html
    assert re.sub(r"</?mark>", "", excerpt).strip(" …")[:40] in re.sub(r"<[^>]+>", "", page.intro)


def test_documents_of_restricted_collections_and_their_children_are_not_found(client, demo):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    document = get_document_model().objects.order_by("pk").first()
    word = max(re.findall(r"\w{5,}", document.title), key=len)
    _html, titles = results(client, word, "dokumenty")
    assert document.title in titles

    internal = Collection.get_first_root_node().add_child(name="Interní")
    minutes = internal.add_child(name="Zápisy vedení")
    document.collection = minutes
    document.save()
    _html, titles = results(client, word, "dokumenty")
    assert document.title in titles  # no restriction yet

    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    _html, titles = results(client, word, "dokumenty")
    assert document.title not in titles


def test_searches_are_counted_for_the_popular_searches_report(client, demo):
    """Wagtail's report of popular searches (search promotions) counts each search, the
    first of a day with a new row, the rest by one UPDATE each."""
    from django.utils import timezone
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    for words in ("Senioři", "senioři", "  SENIOŘI "):
        assert client.get("/hledat/", {"q": words, "nocache": "1"}).status_code == 200
    client.get("/hledat/", {"q": "dluhy"})
    query = Query.objects.get(query_string="senioři")
    hits = QueryDailyHits.objects.get(query=query, date=timezone.now().date())
    assert hits.hits == 3
    assert Query.get_most_popular().first() == query
    assert QueryDailyHits.objects.get(query__query_string="dluhy").hits == 1
