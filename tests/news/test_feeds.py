import datetime

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(article_factory):
    article_factory(
        "Proběhlo setkání skupiny Senioři",
        when=datetime.date(2026, 2, 3),
        tags=["setkání"],
        author_role="koordinátorka",
    )
    article_factory("Výsledky ankety", when=datetime.date(2026, 3, 4), tags=["anketa"])


@pytest.mark.parametrize("suffix,version", [("rss/", "rss20"), ("atom/", "atom10")])
def test_feed_of_all_news_is_valid(client, articles, suffix, version):
    response = client.get(f"/aktuality/{suffix}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Výsledky ankety", "Proběhlo setkání skupiny Senioři"]
    first = feed.entries[0]
    assert first.link.startswith("http://127.0.0.1:8000/aktuality/")  # BASE_URL, not the host
    assert first.summary == "Perex článku Výsledky ankety."
    assert first.published_parsed[:3] == (2026, 3, 4)
    assert [t.term for t in first.tags] == ["anketa"]


@pytest.mark.parametrize("suffix", ["rss/", "atom/"])
def test_feed_per_tag(client, articles, suffix):
    feed = feedparser.parse(client.get(f"/aktuality/stitek/setkani/{suffix}").content)
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["Proběhlo setkání skupiny Senioři"]
    assert "setkání" in feed.feed.title
    assert client.get(f"/aktuality/stitek/nic/{suffix}").status_code == 404


def test_autodiscovery_links_on_home_news_and_tag_pages(client, articles):
    home_html = client.get("/").content.decode()
    head = home_html.split("</head>")[0]
    assert 'rel="alternate" type="application/rss+xml" href="/aktuality/rss/"' in head
    assert 'type="application/atom+xml" href="/aktuality/atom/"' in head
    tag_head = client.get("/aktuality/stitek/anketa/").content.decode().split("</head>")[0]
    assert 'href="/aktuality/stitek/anketa/rss/"' in tag_head
    parsed = feedparser.parse(client.get("/aktuality/stitek/anketa/rss/").content)
    assert [e.title for e in parsed.entries] == ["Výsledky ankety"]


def test_no_autodiscovery_without_news_index(client, home):
    assert "application/rss+xml" not in client.get("/").content.decode()


def test_feed_reads_the_sites_root_paths_once(client, articles, monkeypatch, uncached_pages):
    """Each item's address is built with the request: Wagtail reads the sites' root paths
    (from the cache: Redis in production) once per feed, not once per item."""
    from wagtail.models import Site

    calls = []
    original = Site.get_site_root_paths

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    for suffix in ("rss/", "atom/", "stitek/setkani/rss/"):
        calls.clear()
        feed = feedparser.parse(client.get(f"/aktuality/{suffix}").content)
        assert feed.entries and feed.entries[0].link.startswith("http://127.0.0.1:8000/aktuality/")
        assert len(calls) <= 1, suffix
