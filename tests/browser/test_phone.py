"""On a phone (375 px) and with the keyboard alone, without JavaScript: the menu folds
behind "Menu", the catalogue shows results first, a skip link jumps over the filters, a
refused form opens at its error summary with the focus on it, calendars subscribe."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, demo_server):
    """A phone without JavaScript (axe itself needs script: see ``axe_at_phone_width``)."""
    context = browser.new_context(
        base_url=demo_server, locale="cs-CZ", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def axe_at_phone_width(browser, demo_server, url):
    context = browser.new_context(base_url=demo_server, locale="cs-CZ", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(url)
        assert_no_axe_violations(page)
    finally:
        context.close()


def test_the_menu_folds_behind_a_link_and_opens_without_script(phone, browser, demo_server):
    phone.goto("/")
    menu = phone.locator("#main-nav")
    assert not menu.is_visible()
    phone.get_by_role("link", name="Menu").click()
    assert menu.is_visible()
    links = phone.get_by_role("navigation", name="Hlavní navigace").locator("ul a")
    assert links.count() >= 4 and links.nth(3).is_visible()
    phone.get_by_role("link", name="Zavřít menu").click()
    assert not menu.is_visible()
    axe_at_phone_width(browser, demo_server, "/#main-nav")


def test_catalogue_results_come_first_on_a_phone(phone, browser, demo_server):
    phone.goto("/katalog-sluzeb/")
    results = phone.locator(".catalog-results").bounding_box()
    filters = phone.locator("#catalog-filters").bounding_box()
    assert results["y"] < filters["y"]
    phone.get_by_role("link", name="Hledání a filtry").click()
    assert phone.url.endswith("#catalog-filters")
    axe_at_phone_width(browser, demo_server, "/katalog-sluzeb/")


def test_keyboard_skips_the_filters_to_the_results(page):
    page.goto("/katalog-sluzeb/")
    presses = 0
    while page.evaluate("document.activeElement.textContent.trim()") != "Přejít na výsledky":
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 30, "the skip link is not among the first stops"
    page.keyboard.press("Enter")
    while not page.evaluate("!!document.activeElement.closest('.catalog-list')"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 35, "the first result is still far away (86 presses before)"


def test_a_refused_registration_opens_at_the_focused_error_summary(page):
    page.goto("/harmonogram/")
    links = page.locator("section[aria-labelledby=upcoming-title] a[href*='/setkani-']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        page.goto(href)
        if page.locator("#registration-form, form input[name=name]").count():
            break
    else:
        pytest.fail("no upcoming demo meeting takes registrations")
    form = page.locator("form[method=post]").filter(has=page.locator("input[name=name]"))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.title().startswith("Chyba: ")
    assert page.evaluate("document.activeElement.id") == "registration-errors"
    first = page.locator("#registration-errors a").first
    target = first.get_attribute("href")
    first.click()
    assert page.url.endswith(target)
    assert page.locator(target).get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)


def test_calendars_subscribe_with_webcal_and_a_czech_guide(page):
    page.goto("/harmonogram/")
    subscribe = page.get_by_role("link", name="Odebírat kalendář všech setkání")
    assert subscribe.get_attribute("href").startswith("webcal://")
    assert subscribe.get_attribute("href").endswith("/harmonogram/kalendar.ics")
    page.locator("summary", has_text="Jak kalendář odebírat").click()
    assert page.get_by_text("Kalendář Google").is_visible()
    assert_no_axe_violations(page)


def test_harmonogram_month_is_a_grid_on_desktop_and_a_list_on_a_phone(
    phone, page, browser, demo_server
):
    page.goto("/harmonogram/")
    page.get_by_role("link", name="Měsíční kalendář").click()
    grid = page.get_by_role("table")
    assert grid.locator("thead th").count() == 7 and grid.locator("thead").is_visible()
    first_meeting = grid.locator(".day__meetings a").first
    assert first_meeting.is_visible()
    assert_no_axe_violations(page)
    month_url = page.url

    phone.goto(month_url)
    assert not phone.locator(".month-calendar__grid thead").is_visible()
    assert not phone.locator(".day--empty").first.is_visible()
    day = phone.locator(".day:not(.day--empty):not(.day--outside)").first
    assert day.locator(".day__full").is_visible()  # "úterý 2. 12." instead of the number
    assert not day.locator(".day__number").is_visible()
    box = day.bounding_box()
    assert box["width"] > 300  # one day per line, not a squeezed seven-column grid
    assert phone.locator(".month-calendar__grid").bounding_box()["width"] <= 375
    phone.get_by_role("link", name="Následující měsíc").click()
    assert "mesic=" in phone.url
    axe_at_phone_width(browser, demo_server, month_url)


TABLE_PAGES = [
    "/pracovni-skupiny/seniori/",
    "/komunitni-plan/2025-2028/opatreni/",
    "/komunitni-plan/2025-2028/",
]


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_table_cells_keep_words_whole_and_pages_do_not_scroll_sideways(browser, demo_server, path):
    """Issue 14: headers and cells broke in the middle of words (overflow-wrap: anywhere
    on main). A word is whole when no cell is narrower than its longest word."""
    context = browser.new_context(base_url=demo_server, locale="cs-CZ", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(path)
        broken = page.evaluate(
            """() => [...document.querySelectorAll('main th, main td')].filter(cell => {
                if (getComputedStyle(cell).overflowWrap === 'anywhere') return true;
                const range = document.createRange();
                for (const word of cell.innerText.split(/\\s+/).filter(w => w.length > 3)) {
                    const probe = document.createElement('span');
                    probe.style.whiteSpace = 'nowrap';
                    probe.textContent = word;
                    cell.appendChild(probe);
                    const tooWide = probe.getBoundingClientRect().width > cell.clientWidth;
                    probe.remove();
                    if (tooWide) return true;
                }
                return false;
            }).map(cell => cell.innerText.slice(0, 40))"""
        )
        assert broken == [], broken
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_group_members_are_labelled_lines_on_a_phone(browser, demo_server):
    axe_at_phone_width(browser, demo_server, "/pracovni-skupiny/seniori/")
    context = browser.new_context(base_url=demo_server, locale="cs-CZ", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto("/pracovni-skupiny/seniori/")
        cell = page.locator(".members td[data-label]").first
        label = page.evaluate(
            "getComputedStyle(document.querySelector('.members td[data-label]'), '::before')"
            ".content"
        )
        assert label.startswith('"Jméno')
        assert cell.bounding_box()["width"] > 300
    finally:
        context.close()
