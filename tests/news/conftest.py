import datetime

import pytest

from catalog.models import TargetGroup
from kpss_pages.news.models import ArticlePage, NewsIndexPage
from tests.factories import add_page


@pytest.fixture
def news_index(home):
    return add_page(home, NewsIndexPage, title="Aktuality", slug="aktuality", show_in_menus=True)


@pytest.fixture
def seniors(db):
    return TargetGroup.objects.get_or_create(slug="seniori", defaults={"name": "Senioři"})[0]


def make_article(index, title, when=None, tags=(), groups=(), body=None, **fields):
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        date=when or datetime.date(2026, 3, 15),
        lead=fields.pop("lead", f"Perex článku {title}."),
        body=body or [("rich_text", "<p>Slovo " * 50 + "</p>")],
        **fields,
    )
    index.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    if groups:
        article.target_groups.set(groups)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def article_factory(news_index):
    def factory(title, **kwargs):
        return make_article(news_index, title, **kwargs)

    return factory
