"""The plugin set inside another site's look (issue 12, "Fits a host site's look"): every
plugin page type rendered in a real browser with a host base template that is not the
reference site's (tests/browser/host_site/: its own header, navigation, footer and
stylesheet, first in the template folders), accessible (axe: no violations), with a
screenshot of each page in the test's temporary folder."""

import copy
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test.utils import override_settings
from wagtail.models import get_page_models

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

HOST_SITE = Path(__file__).resolve().parent / "host_site"

# Every page type of the plugin set; the demo has a live page of each (tests/test_demo_site.py).
PLUGIN_PAGE_TYPES = [
    "kpss_core.SectionPage",
    "catalog.CatalogPage",
    "kpss_groups.WorkingGroupIndexPage",
    "kpss_groups.WorkingGroupPage",
    "kpss_groups.MeetingPage",
    "kpss_groups.HarmonogramPage",
    "kpss_plan.PlanIndexPage",
    "kpss_plan.PlanPage",
    "kpss_plan.PlanChapterPage",
    "kpss_plan.ActivityPlanPage",
    "kpss_plan.SurveyPage",
    "kpss_news.NewsIndexPage",
    "kpss_news.ArticlePage",
    "kpss_news.NewsletterIssuePage",
]


def test_the_list_names_every_plugin_page_type():
    plugin = {
        model._meta.label
        for model in get_page_models()
        if model.__module__.startswith(("catalog.", "kpss_pages."))
    }
    assert set(PLUGIN_PAGE_TYPES) == plugin


@pytest.fixture
def host_site(demo_server):
    """The host's templates and static files before the reference site's, for this test;
    the live server thread shares the settings, and Django resets its template engines and
    static-file finders when these settings change."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [HOST_SITE / "templates", *templates[0]["DIRS"]]
    with override_settings(
        TEMPLATES=templates,
        STATICFILES_DIRS=[HOST_SITE / "static", *settings.STATICFILES_DIRS],
    ):
        yield


@pytest.mark.parametrize("page_type", PLUGIN_PAGE_TYPES)
def test_plugin_page_inside_the_host_base_template(host_site, page, tmp_path, page_type):
    demo_page = apps.get_model(page_type).objects.live().public().order_by("path").first()
    response = page.goto(demo_page.url)
    assert response.status == 200
    # The host's own furniture surrounds the plugin's page, the reference site's does not.
    assert page.locator("#town-header").is_visible()
    assert page.locator("#town-footer").is_visible()
    assert page.locator(".site-header, .site-footer").count() == 0
    assert page.title().endswith("– Město Lipovec")
    heading = page.locator("main h1")
    assert heading.count() == 1 and heading.is_visible()
    # The host's stylesheet applies (its header colour), and so does the plugin's own.
    assert (
        page.locator("#town-header").evaluate("el => getComputedStyle(el).backgroundColor")
        == "rgb(107, 15, 26)"
    )
    assert page.locator('link[href*="kpss/css/kpss.css"]').count() == 1
    assert_no_axe_violations(page)
    screenshot = tmp_path / f"{page_type}.png"
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    assert screenshot.stat().st_size > 20_000, "the screenshot looks empty"
