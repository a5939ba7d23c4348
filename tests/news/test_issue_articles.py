"""A newsletter issue contains only articles readers can open."""

import pytest

from kpss_pages.news.emails import issue_context
from kpss_pages.news.models import NewsletterIssueArticle, NewsletterIssuePage
from tests.factories import add_page

pytestmark = pytest.mark.django_db


def test_chosen_articles_that_are_not_live_are_left_out(client, news_index, article_factory):
    live = article_factory("Nové místo v denním stacionáři")
    unpublished = article_factory("Stažený článek")
    unpublished.unpublish()
    draft = article_factory("Rozpracovaný článek")
    draft.unpublish()
    draft.save_revision()
    issue = add_page(news_index, NewsletterIssuePage, title="Zpravodaj 2/2026", slug="z-2-2026")
    for order, article in enumerate([draft, live, unpublished]):
        NewsletterIssueArticle.objects.create(issue=issue, article=article, sort_order=order)
    issue = NewsletterIssuePage.objects.get(pk=issue.pk)
    assert [a.pk for a in issue.articles()] == [live.pk]
    assert [a.pk for a in issue_context(issue)["articles"]] == [live.pk]
    page = client.get(issue.url).content.decode()
    assert live.title in page
    assert "Stažený článek" not in page and "Rozpracovaný článek" not in page


def test_an_issue_whose_chosen_articles_were_all_withdrawn_takes_no_others(
    news_index, article_factory
):
    article_factory("Jiný článek")
    withdrawn = article_factory("Stažený článek")
    withdrawn.unpublish()
    issue = add_page(news_index, NewsletterIssuePage, title="Zpravodaj 3/2026", slug="z-3-2026")
    NewsletterIssueArticle.objects.create(issue=issue, article=withdrawn, sort_order=0)
    assert NewsletterIssuePage.objects.get(pk=issue.pk).articles() == []
