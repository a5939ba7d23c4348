import datetime

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_shows_latest_articles_and_subscribe_box(client, article_factory):
    for i in range(4):
        article_factory(f"Zpráva číslo {i}", when=datetime.date(2026, 1, 1 + i))
    html = client.get("/").content.decode()
    assert "Nejnovější aktuality" in html
    assert "Zpráva číslo 3" in html and "Zpráva číslo 1" in html
    assert "Zpráva číslo 0" not in html  # only the latest three
    assert 'action="/odber/"' in html and 'for="home-subscribe-email"' in html
    assert html.count("<h1") == 1


def test_home_without_news_index_has_no_news_section(client, home):
    assert "Nejnovější aktuality" not in client.get("/").content.decode()


def test_admin_forms_for_news_pages_render(client, news_index, article_factory):
    admin = UserFactory(username="admin-news", is_superuser=True, is_staff=True)
    client.force_login(admin)
    article = article_factory("Článek v adminu")
    for url in (
        f"/admin/pages/add/kpss_news/articlepage/{news_index.pk}/",
        f"/admin/pages/add/kpss_news/newsletterissuepage/{news_index.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/snippets/kpss_news/subscriber/",
    ):
        assert client.get(url).status_code == 200, url


def test_admin_creates_article_with_tags_and_validates_links(client, news_index, home, seniors):
    from kpss_pages.news.models import ArticlePage
    from tests.factories import make_content_page

    admin = UserFactory(username="admin-news2", is_superuser=True, is_staff=True)
    client.force_login(admin)
    other = make_content_page(home, title="Obyčejná stránka")
    data = {
        "title": "Nový článek",
        "slug": "novy-clanek",
        "date": "2026-04-01",
        "lead": "Perex.",
        "body-count": "0",
        "author_role": "koordinátorka",
        "tags": "anketa, setkání",
        "target_groups": [seniors.pk],
        "page_links-TOTAL_FORMS": "1",
        "page_links-INITIAL_FORMS": "0",
        "page_links-MIN_NUM_FORMS": "0",
        "page_links-MAX_NUM_FORMS": "1000",
        "page_links-0-page": str(other.pk),
        "page_links-0-ORDER": "1",
        "page_links-0-DELETE": "",
        "page_links-0-id": "",
        "action-publish": "action-publish",
    }
    url = f"/admin/pages/add/kpss_news/articlepage/{news_index.pk}/"
    response = client.post(url, data)
    assert response.status_code == 200  # the form comes back with the link error
    assert not ArticlePage.objects.filter(slug="novy-clanek").exists()
    data["page_links-TOTAL_FORMS"] = "0"
    response = client.post(url, data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="novy-clanek")
    assert article.live
    assert sorted(t.name for t in article.tags.all()) == ["anketa", "setkání"]
    assert list(article.target_groups.all()) == [seniors]
