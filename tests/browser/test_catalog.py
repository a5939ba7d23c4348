"""The demo catalogue in a real browser: keyboard-only filtering, axe scans."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

CATALOG = "/katalog-sluzeb/"


def _count(page):
    return int(page.locator("#catalog-count").inner_text().split()[1])


def test_filter_by_keyboard(page):
    page.goto(CATALOG)
    total = _count(page)
    search = page.get_by_label("Hledat v katalogu")
    search.focus()
    # Tab from the search box to the first option of the first facet and tick it by Space.
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.get_attribute("type") == "checkbox"
    assert focused.get_attribute("name") == "druh"
    # move on by Tab to the target-group and municipality facets and tick by Space
    for selector in (
        'input[name="skupina"][value="seniori"]',
        'input[name="obec"][value="lipnik-u-vlciny"]',
    ):
        target_id = page.locator(selector).get_attribute("id")
        for _ in range(200):
            if page.evaluate("document.activeElement.id") == target_id:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        assert page.locator(selector).is_checked()
    page.keyboard.press("Enter")  # submits the GET form
    page.wait_for_url("**/katalog-sluzeb/?*skupina=seniori*")
    filtered = _count(page)
    assert 0 < filtered < total
    assert page.locator(".catalog-active a").count() == 2
    # the URL is shareable: opening it again gives the same result
    page.goto(page.url)
    assert _count(page) == filtered


def test_search_without_diacritics_and_open_detail(page):
    page.goto(CATALOG + "?q=seniori")
    assert _count(page) >= 3
    page.get_by_role("link", name="Domov pro seniory Ostrov").click()
    assert page.locator("h1").inner_text() == "Domov pro seniory Ostrov"
    assert page.get_by_role("link", name="zobrazit na OpenStreetMap", exact=False).count() >= 1


@pytest.mark.parametrize(
    "path",
    [
        CATALOG,
        CATALOG + "?skupina=seniori&forma=1&obec=ostrov-nad-vlcinou&razeni=overeno",
        CATALOG + "?q=zzzzneexistuje",
        CATALOG + "otevrena-data/",
    ],
)
def test_catalogue_pages_have_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_detail_pages_have_no_axe_violations(page):
    page.goto(CATALOG + "?q=azylový")
    page.locator(".catalog-item h3 a").first.click()
    assert_no_axe_violations(page)  # hidden address
    page.goto(CATALOG + "?q=poradenstvi+charity")
    page.locator(".catalog-item h3 a").first.click()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_no_axe_violations(page)
