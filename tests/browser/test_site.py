"""The demo site in a real browser: every public page type of the foundation, axe-clean,
usable by keyboard and without JavaScript."""

import pytest
from wagtail.models import Page, get_page_models

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

FOUNDATION_PAGES = [
    "/",  # home page
    "/o-projektu/",  # content page with a table and a call-out
    "/jak-se-zapojit/",
    "/kontakty/",
    "/prohlaseni-o-pristupnosti/",
    "/hledat/",  # search form
    "/hledat/?q=senio%C5%99i",  # search results
    "/hledat/?q=zzzzneexistuje",  # empty search
    "/stranka-ktera-neexistuje/",  # 404
]


@pytest.fixture(scope="session")
def page_type_urls(demo_server, django_db_blocker):
    """One live demo URL per page type of every app (so new apps are covered too)."""
    with django_db_blocker.unblock():
        urls = {}
        for model in get_page_models():
            if model is Page:
                continue
            page = model.objects.live().public().order_by("path").first()
            if page is not None:
                urls[model._meta.label] = page.relative_url(page.get_site())
        return urls


@pytest.mark.parametrize("path", FOUNDATION_PAGES)
def test_public_page_has_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status in (200, 404)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "cs"
    assert_no_axe_violations(page)


def test_one_page_of_every_type_has_no_axe_violations(page, page_type_urls):
    assert {"home.HomePage", "home.ContentPage"} <= set(page_type_urls)
    for label, url in page_type_urls.items():
        response = page.goto(url)
        assert response.status == 200, label
        assert_no_axe_violations(page)


def test_skip_link_moves_keyboard_focus_to_main_content(page):
    # A page with links in its content (a small table is no tab stop any more).
    page.goto("/jak-se-zapojit/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Přeskočit na hlavní obsah"
    assert skip.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible_on_links(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_search_from_header_without_diacritics(page):
    page.goto("/")
    page.get_by_label("Hledat na webu").fill("pristupnosti")
    page.get_by_label("Hledat na webu").press("Enter")
    page.wait_for_url("**/hledat/?q=pristupnosti")
    assert page.get_by_role("link", name="Prohlášení o přístupnosti").count() >= 1
    page.get_by_role("link", name="Prohlášení o přístupnosti").first.click()
    assert page.locator("h1").inner_text() == "Prohlášení o přístupnosti"


def test_main_navigation_and_footer(page):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hlavní navigace")
    nav.get_by_role("link", name="Jak se zapojit").click()
    assert page.locator("h1").inner_text() == "Jak se zapojit"
    assert nav.get_by_role("link", name="Jak se zapojit").get_attribute("aria-current") == "page"
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Prohlášení o přístupnosti").click()
    assert page.locator("h1").inner_text() == "Prohlášení o přístupnosti"


def test_site_works_without_javascript(browser, demo_server):
    context = browser.new_context(base_url=demo_server, locale="cs-CZ", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        assert page.locator("h1").is_visible()
        page.get_by_role("navigation", name="Hlavní navigace").get_by_role(
            "link", name="O projektu"
        ).click()
        assert page.locator("h1").inner_text() == "O projektu"
        assert page.locator("main").inner_text().count("Partneři") >= 1
        assert page.locator("main table caption").is_visible()
        page.get_by_label("Hledat na webu").fill("seniori")
        page.get_by_role("button", name="Hledat").first.click()
        page.wait_for_url("**/hledat/?q=seniori")
        assert page.locator(".search-results li").count() >= 1
    finally:
        context.close()


def test_narrow_screen_has_no_horizontal_scrolling(browser, demo_server):
    context = browser.new_context(base_url=demo_server, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for path in ("/", "/o-projektu/", "/hledat/?q=senio%C5%99i"):
            page.goto(path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, path
    finally:
        context.close()
