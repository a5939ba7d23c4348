"""Database queries per uncached page of every public page type of the demo: the budget
is asserted so that a change adding queries (a per-item query, a look-up repeated in the
furniture) fails here; no page type may need more than 15, and the count must not grow
with the number of items a page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

pytestmark = pytest.mark.django_db

BUDGET = {
    "HomePage": 13,
    "ContentPage": 9,
    "SectionPage": 8,
    "CatalogPage": 10,
    "WorkingGroupIndexPage": 11,
    "WorkingGroupPage": 15,
    "MeetingPage": 11,
    "HarmonogramPage": 11,
    "HarmonogramPage month": 11,
    "PlanIndexPage": 13,
    "PlanPage": 12,
    "PlanChapterPage": 12,
    "SurveyPage": 10,
    "ActivityPlanPage": 9,
    "NewsIndexPage": 14,
    "ArticlePage": 14,
    "NewsletterIssuePage": 13,
}
LIMIT = 15


def queries(client, url):
    client.get(url)  # per-process look-ups (site root paths) are made once per process
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def measure_every_page_type(client):
    measured = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        name = type(page).__name__
        if name in BUDGET and name not in measured:
            measured[name] = queries(client, page.url)
    measured["HarmonogramPage month"] = queries(client, harmonogram_month_url())
    return measured


def harmonogram_month_url():
    """The month view of the month in which the growth test below adds meetings."""
    from django.utils import timezone

    from kpss_pages.groups.models import HarmonogramPage, MeetingPage, WorkingGroupPage

    group = WorkingGroupPage.objects.live().order_by("path").first()
    start = timezone.localtime(MeetingPage.objects.child_of(group).live().first().start)
    return f"{HarmonogramPage.objects.live().get().url}?mesic={start:%Y-%m}"


def test_every_page_type_stays_within_its_query_budget(client, demo, uncached_pages):
    assert max(BUDGET.values()) <= LIMIT
    measured = measure_every_page_type(client)
    assert set(measured) == set(BUDGET), set(BUDGET) - set(measured)
    over = {name: count for name, count in measured.items() if count > BUDGET[name]}
    assert not over, (over, measured)


def test_furniture_is_not_queried_again_on_each_page(client, demo, uncached_pages):
    """Menu, logo, settings in the footer and feed links come from the cache, kept under
    the content generation: a content page costs its own queries only."""
    about = Page.objects.get(url_path__endswith="/o-projektu/")
    first = queries(client, about.url)
    assert first <= 10


def test_query_counts_do_not_grow_with_the_items_a_page_shows(client, demo, uncached_pages):
    """More articles (with tags) in the news, on the home page, as related articles and
    chosen for a newsletter, more meetings and members in a group and in the harmonogram:
    the same number of queries on every page type (measured after one more of each, so
    that empty lists, which skip their prefetch, do not count)."""
    from kpss_pages.groups.models import GroupMember, MeetingPage, WorkingGroupPage
    from kpss_pages.news.models import ArticlePage, NewsletterIssuePage
    from kpss_pages.news.models.newsletters import NewsletterIssueArticle

    article = ArticlePage.objects.live().filter(tagged_items__isnull=False).first()
    issue = NewsletterIssuePage.objects.live().order_by("path").first()
    group = WorkingGroupPage.objects.live().order_by("path").first()
    meeting = MeetingPage.objects.child_of(group).live().first()

    def add(numbers):
        for n in numbers:
            copy = article.copy(
                to=article.get_parent(),
                update_attrs={"slug": f"dalsi-clanek-{n}", "title": f"Další článek {n}"},
                keep_live=True,
            )
            NewsletterIssueArticle.objects.create(issue=issue, article=copy, sort_order=10 + n)
            meeting.copy(
                to=group,
                update_attrs={"slug": f"dalsi-setkani-{n}", "title": f"Další setkání {n}"},
                keep_live=True,
            )
            GroupMember.objects.create(
                group=group, name=f"Člen {n}", organisation="Spolek", public_name_consent=True
            )

    add([0])
    before = measure_every_page_type(client)
    add([1, 2, 3, 4])
    assert measure_every_page_type(client) == before
