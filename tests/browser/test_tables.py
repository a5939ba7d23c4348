"""Tables on a phone (375 px) and a desktop: a table of a few columns wraps its cells and
fits, so it is no tab stop and never scrolls; a wide one scrolls in a region that takes
the focus. axe (scrollable-region-focusable among its rules) passes at both widths."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PLAN = "/komunitni-plan/2025-2028/"
PAGES_WITH_TABLES = [
    "/o-projektu/",  # partners: 3 columns
    "/kontakty/",  # office hours: 2 columns
    PLAN + "analyticka-cast/socio-demograficky-popis/",  # statistics: 5 columns (wide)
    PLAN + "opatreni/1-1/",  # indicators by year
    PLAN + "zprava/2026/",  # summary (4 columns) and wide tables by group and priority
    PLAN + "vyporadani-pripominek/",  # settlement: 6 columns (wide)
    "/komunitni-plan/anketa-2023/",  # survey summary: 2 columns
]
# Pages whose tables of few columns must fit without a tab stop.
SMALL_TABLES = {"/o-projektu/", "/kontakty/", PLAN + "zprava/2026/", "/komunitni-plan/anketa-2023/"}
TABLES = """() => [...document.querySelectorAll('.table-fit, .table-scroll')].map(el => ({
    fit: el.classList.contains('table-fit'),
    tabindex: el.getAttribute('tabindex'),
    role: el.getAttribute('role'),
    overflows: el.scrollWidth > el.clientWidth + 1,
    tableRight: el.querySelector('table').getBoundingClientRect().right,
    viewport: document.documentElement.clientWidth,
}))"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", PAGES_WITH_TABLES)
def test_tables_fit_or_scroll_in_a_focusable_region(browser, demo_server, path, width):
    context = browser.new_context(
        base_url=demo_server, locale="cs-CZ", viewport={"width": width, "height": 800}
    )
    try:
        page = context.new_page()
        page.goto(path)
        tables = page.evaluate(TABLES)
        assert tables, f"{path}: no table"
        for table in tables:
            if table["fit"]:
                assert table["tabindex"] is None and table["role"] is None, table
                assert not table["overflows"], f"{path}: a fitting table overflows: {table}"
                assert table["tableRight"] <= table["viewport"], f"{path}: {table}"
            else:
                assert table["tabindex"] == "0" and table["role"] == "region", table
        if path in SMALL_TABLES:
            assert any(table["fit"] for table in tables), f"{path}: a small table is a tab stop"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert_no_axe_violations(page)
    finally:
        context.close()


def test_small_tables_are_no_tab_stops_and_wide_ones_are():
    """Which tables fit: decided by the columns (``blocks.table_is_wide``)."""
    from kpss_pages.core.blocks import table_is_wide

    assert not table_is_wide([["Den", "Čas"], ["Pondělí", "8:00–17:00"]])
    assert not table_is_wide([["a", "b", "c", "d"]])
    assert table_is_wide([["Obec", "0–14", "15–64", "65+", "Celkem"]])
    assert not table_is_wide([])
