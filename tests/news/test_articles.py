import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page

from kpss_pages.news.models import ArticlePage, ArticlePageLink
from tests.factories import make_content_page

pytestmark = pytest.mark.django_db


def test_index_lists_articles_newest_first_with_tags_and_reading_time(client, article_factory):
    article_factory("Starší zpráva", when=datetime.date(2026, 1, 10), tags=["setkání"])
    article_factory("Novější zpráva", when=datetime.date(2026, 3, 1), tags=["anketa"])
    html = client.get("/aktuality/").content.decode()
    assert html.index("Novější zpráva") < html.index("Starší zpráva")
    assert "setkání" in html and "anketa" in html
    assert "1 minuta čtení" in html or "minut" in html
    assert html.count("<h1") == 1


def test_filter_by_tag(client, article_factory):
    article_factory("O anketě", tags=["anketa"])
    article_factory("O setkání", tags=["setkání"])
    response = client.get("/aktuality/stitek/anketa/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "O anketě" in html and "O setkání" not in html
    assert client.get("/aktuality/stitek/neexistuje/").status_code == 404


def test_filter_by_year_and_month(client, article_factory):
    article_factory("Březnová", when=datetime.date(2026, 3, 2))
    article_factory("Lednová", when=datetime.date(2026, 1, 2))
    article_factory("Loňská", when=datetime.date(2025, 3, 2))
    html = client.get("/aktuality/2026/03/").content.decode()
    assert "Březnová" in html and "Lednová" not in html and "Loňská" not in html
    html = client.get("/aktuality/2026/").content.decode()
    assert "Březnová" in html and "Lednová" in html and "Loňská" not in html
    assert client.get("/aktuality/2026/13/").status_code == 404
    assert 'href="/aktuality/2026/3/"' in client.get("/aktuality/").content.decode()


def test_pagination_and_bad_page_numbers(client, article_factory):
    for i in range(12):
        article_factory(f"Zpráva {i}", when=datetime.date(2026, 1, 1) + datetime.timedelta(days=i))
    first = client.get("/aktuality/").content.decode()
    assert "Zpráva 11" in first and "Zpráva 1<" not in first
    second = client.get("/aktuality/?page=2").content.decode()
    assert "Zpráva 0" in second and "Zpráva 11" not in second
    for bad in ("abc", "999", "-1", "x" * 5000):
        assert client.get("/aktuality/", {"page": bad}).status_code == 200


def test_index_sidebar_marks_the_current_topic_and_month(client, article_factory):
    """The topic and month links are built once per list (not with a template tag per
    link): same addresses, Czech month names and ``aria-current`` as before."""
    article_factory("Březnová", when=datetime.date(2026, 3, 2), tags=["anketa"])
    article_factory("Lednová", when=datetime.date(2025, 1, 2), tags=["setkání"])
    html = client.get("/aktuality/2025/1/").content.decode()
    assert '<a href="/aktuality/2025/1/" aria-current="page">leden 2025</a>' in html
    assert '<a href="/aktuality/2026/3/">březen 2026</a>' in html
    assert '<a href="/aktuality/stitek/anketa/">anketa</a> <span class="count">(1)</span>' in html
    html = client.get("/aktuality/2025/").content.decode()
    assert '<a href="/aktuality/2025/1/">leden 2025</a>' in html  # a year marks no month
    html = client.get("/aktuality/stitek/setkani/").content.decode()
    assert '<a href="/aktuality/stitek/setkani/" aria-current="page">setkání</a>' in html
    assert '<a href="/aktuality/stitek/anketa/">anketa</a>' in html


def test_lists_of_articles_do_not_load_their_bodies(client, article_factory, uncached_pages):
    """The index, the feeds and the home page show the lead: the bodies (StreamField JSON,
    decoded for each row) and Wagtail's editing fields stay in the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article_factory("Se stránkou textu", tags=["anketa"])
    for url in ("/aktuality/", "/aktuality/rss/", "/aktuality/stitek/anketa/atom/"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        listed = [q["sql"] for q in ctx.captured_queries if "kpss_news_articlepage" in q["sql"]]
        assert listed, url
        assert not [sql for sql in listed if '"kpss_news_articlepage"."body"' in sql], url
        rows = [sql for sql in listed if '"kpss_news_articlepage"."lead"' in sql]
        assert rows, url  # the list itself: what a card or an item shows, not the editing
        assert not [sql for sql in rows if '"wagtailcore_page"."locked_by_id"' in sql], url


def test_czech_date_filters_write_what_the_date_filter_wrote():
    template = Template(
        "{% load kpss_format %}{{ d|czech_date }}|{{ d|iso_date }}|{{ none|czech_date }}"
    )
    django_date = Template("{{ d|date:'j. n. Y' }}|{{ d|date:'Y-m-d' }}|")
    for d in (datetime.date(2026, 1, 5), datetime.date(2025, 12, 31), datetime.date(1999, 10, 1)):
        assert template.render(Context({"d": d})) == django_date.render(Context({"d": d}))


def _count_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/aktuality/").status_code == 200
    return len(ctx.captured_queries)


def test_index_query_count_does_not_grow_with_articles(
    client, article_factory, seniors, uncached_pages
):
    for i in range(3):
        article_factory(f"A{i}", tags=["anketa", f"t{i}"], groups=[seniors])
    client.get("/aktuality/")  # warm caches (site root paths, content types)
    few = _count_queries(client, None)
    for i in range(3, 9):
        article_factory(f"A{i}", tags=["anketa", f"t{i}"], groups=[seniors])
    client.get("/aktuality/")  # the furniture (menu, footer) is rebuilt once after a change
    many = _count_queries(client, None)
    assert many == few


def test_article_page_shows_meta_related_and_author_role(client, article_factory, seniors):
    main = article_factory(
        "Setkání seniorů",
        tags=["setkání"],
        groups=[seniors],
        author_role="koordinátorka komunitního plánování",
        body=[
            ("rich_text", "<p>" + "slovo " * 450 + "</p>"),
            ("quote", {"text": "Potřebujeme víc odlehčovací služby.", "attribution": "účastnice"}),
        ],
    )
    article_factory("Podobný článek", tags=["setkání"])
    article_factory("Nesouvisející", tags=["katalog"])
    assert main.reading_minutes == 3
    html = client.get(main.url).content.decode()
    assert "Autor: koordinátorka komunitního plánování" in html
    assert "3 minuty čtení" in html
    assert "Potřebujeme víc odlehčovací služby." in html
    assert "<blockquote>" in html
    related = html[html.index("Související články") :]
    assert "Podobný článek" in related and "Nesouvisející" not in related
    assert "@" not in html.split("<main")[1].split("</main>")[0]


def test_article_links_only_to_working_groups_and_plan_chapters(home, article_factory):
    article = article_factory("Článek")
    plain = make_content_page(home, title="Obecná stránka")
    link = ArticlePageLink(article=article, page=plain)
    with pytest.raises(ValidationError) as exc:
        link.full_clean(exclude=["article"])
    assert "page" in exc.value.message_dict


def test_articles_about_tag_lists_articles_linking_to_a_page(home, article_factory, monkeypatch):
    from kpss_pages.news.models import page_links as news_models

    target = make_content_page(home, title="Pracovní skupina senioři")
    article = article_factory("O skupině seniorů")
    article_factory("Jiný článek")
    # The linkable types come from other apps; allow the content page type for this test.
    monkeypatch.setattr(
        news_models,
        "LINKABLE_PAGE_TYPES",
        news_models.LINKABLE_PAGE_TYPES + [("home", "contentpage")],
    )
    ArticlePageLink(article=article, page=target).full_clean(exclude=["article"])
    ArticlePageLink.objects.create(article=article, page=target)
    request = RequestFactory().get("/")
    html = Template("{% load news_tags %}{% articles_about page %}").render(
        Context({"page": target, "request": request})
    )
    assert "Články k tématu" in html
    assert "O skupině seniorů" in html and "Jiný článek" not in html
    empty = Template("{% load news_tags %}{% articles_about page %}").render(
        Context({"page": Page.objects.get(pk=home.pk), "request": request})
    )
    assert "Články k tématu" not in empty


def test_article_cannot_be_created_outside_news_index():
    assert ArticlePage.parent_page_types == ["kpss_news.NewsIndexPage"]
