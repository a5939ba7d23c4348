"""The demo site in a real browser: every public page type of the foundation, axe-clean."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

FOUNDATION_PAGES = [
    "/",  # home page
    "/o-projektu/",  # content page
    "/prohlaseni-o-pristupnosti/",
    "/hledat/?q=senio%C5%99i",  # search results
    "/hledat/?q=zzzzneexistuje",  # empty search
    "/stranka-ktera-neexistuje/",  # 404
]


@pytest.mark.parametrize("path", FOUNDATION_PAGES)
def test_public_page_has_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status in (200, 404)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "cs"
    assert_no_axe_violations(page)


def test_skip_link_moves_keyboard_focus_to_main_content(page):
    page.goto("/o-projektu/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Přeskočit na hlavní obsah"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_from_header_without_diacritics(page):
    page.goto("/")
    page.get_by_label("Hledat na webu").fill("pristupnosti")
    page.get_by_label("Hledat na webu").press("Enter")
    page.wait_for_url("**/hledat/?q=pristupnosti")
    assert page.get_by_role("link", name="Prohlášení o přístupnosti").count() >= 1
