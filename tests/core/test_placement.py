"""Where the plugin's section pages may go in a host's page tree (issue 12 item 3): anywhere
when the host sets nothing, only under the pages a town lists in
KPSS_SECTION_PARENT_PAGE_TYPES when it sets them (the reference site does), with the
plugin's own parents allowed either way."""

from wagtail.models import Page

from catalog.models import CatalogPage
from home.models import ContentPage, HomePage
from kpss_pages.core.models import SectionPage
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.groups.models import HarmonogramPage, WorkingGroupIndexPage
from kpss_pages.news.models import ArticlePage, NewsIndexPage
from kpss_pages.plan.models import ActivityPlanPage, PlanIndexPage, PlanPage, SurveyPage

SECTION_PAGES = [CatalogPage, WorkingGroupIndexPage, PlanIndexPage, NewsIndexPage, SectionPage]


def test_without_the_setting_section_pages_may_go_anywhere(settings):
    del settings.KPSS_SECTION_PARENT_PAGE_TYPES
    assert section_parent_page_types() is None
    assert section_parent_page_types("kpss_plan.PlanIndexPage") is None


def test_the_setting_lists_the_allowed_parents_plus_the_plugins_own(settings):
    settings.KPSS_SECTION_PARENT_PAGE_TYPES = ["town.LandingPage"]
    assert section_parent_page_types() == ["town.LandingPage"]
    assert section_parent_page_types("kpss_plan.PlanIndexPage") == [
        "town.LandingPage",
        "kpss_plan.PlanIndexPage",
    ]


def test_the_reference_site_restricts_the_section_pages_to_its_listed_parents(db):
    # What the page types themselves allow (the parents' subpage_types narrow it further:
    # the reference site's ContentPage takes only the catalogue of the plugin's pages).
    listed = {HomePage, ContentPage, SectionPage}
    for model in SECTION_PAGES:
        assert set(model.clean_parent_page_models()) == listed, model
        assert model.can_create_at(SectionPage()), model
        assert not model.can_create_at(NewsIndexPage()), model
        assert not model.can_create_at(Page()), model
    assert CatalogPage.can_create_at(ContentPage())
    # The plugin's own parents stay allowed next to the listed ones.
    for model in (PlanPage, ActivityPlanPage, SurveyPage):
        assert set(model.clean_parent_page_models()) == listed | {PlanIndexPage}, model
    assert set(HarmonogramPage.clean_parent_page_models()) == listed | {WorkingGroupIndexPage}
    # Pages inside a section keep their fixed parents.
    assert ArticlePage.clean_parent_page_models() == [NewsIndexPage]
