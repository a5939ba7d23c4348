"""Pages of one app show what other apps say about them (on the demo site)."""

from kpss_pages.groups.models import WorkingGroupPage
from kpss_pages.news.models import ArticlePage
from kpss_pages.plan.models import PlanChapterPage


def test_target_group_page_lists_its_catalogue_services_and_articles(client, demo):
    group = WorkingGroupPage.objects.live().get(slug="seniori")
    html = client.get(group.url).content.decode()
    assert "Služby pro skupinu Senioři" in html
    assert 'href="/katalog-sluzeb/sluzba/' in html
    article = ArticlePage.objects.live().filter(page_links__page=group).first()
    assert article is not None, "the demo links an article to the seniors' group"
    assert "Články k tématu" in html and article.url in html


def test_plan_chapter_shows_articles_that_link_to_it(client, demo):
    article = (
        ArticlePage.objects.live()
        .filter(page_links__page__in=PlanChapterPage.objects.live())
        .first()
    )
    chapter = article.page_links.filter(page__in=PlanChapterPage.objects.live()).first().page
    html = client.get(chapter.url).content.decode()
    assert "Články k tématu" in html and article.url in html
