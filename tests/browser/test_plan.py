"""The community plan in a real browser: axe scans of every public page type of the plan
and a citizen reading the plan chapter by chapter with the keyboard."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PLAN = "/komunitni-plan/2025-2028/"
PLAN_PAGES = [
    "/komunitni-plan/",  # index of plans
    PLAN,  # plan with timeline and TOC
    PLAN + "analyticka-cast/socio-demograficky-popis/",  # chart + statistics table
    PLAN + "analyticka-cast/swot-analyzy/",  # four SWOT blocks
    PLAN + "navrhova-cast/seniori/",  # placed priorities and measures
    PLAN + "opatreni/",  # overview
    PLAN + "opatreni/?skupina=seniori&stav=fulfilled",  # filtered overview
    PLAN + "opatreni/1-1/",  # measure detail (consultation closed)
    PLAN + "zprava/2026/",  # yearly report
    PLAN + "vyporadani-pripominek/",  # settlement table
    "/komunitni-plan/2021-2024/",  # archived plan
    "/komunitni-plan/anketa-2027/",  # open survey
    "/komunitni-plan/anketa-2023/",  # closed survey with a published summary
    "/komunitni-plan/plan-cinnosti-komise-2026/",  # commission activity plan
]


@pytest.mark.parametrize("path", PLAN_PAGES)
def test_plan_pages_have_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


@pytest.fixture(scope="module")
def open_plan(demo_server, django_db_blocker):
    """A draft in public consultation, created for these tests only and removed after."""
    from kpss_pages.plan.models import PlanIndexPage, PlanPage
    from tests.plan.conftest import make_draft_plan

    with django_db_blocker.unblock():
        index = PlanIndexPage.objects.get(slug="komunitni-plan")
        plan = make_draft_plan(index, "Návrh plánu (prohlížečový test)", "navrh-test", 1)
    yield plan
    with django_db_blocker.unblock():
        PlanPage.objects.get(pk=plan.pk).delete()


def test_comment_form_axe_clean_empty_and_in_error_state(page, open_plan):
    page.goto(open_plan.url + "potreby/")
    assert page.get_by_role("button", name="Odeslat připomínku").is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Vaše jméno").fill("Test Prohlížeč")
    page.get_by_label("E-mail", exact=True).fill("neplatny-email")
    page.get_by_role("button", name="Odeslat připomínku").click()
    page.wait_for_load_state()
    email = page.get_by_label("E-mail", exact=True)
    assert email.input_value() == "neplatny-email"
    assert email.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Vaše jméno").input_value() == "Test Prohlížeč"
    assert "Napište svou připomínku." in page.locator("#pripominky").inner_text()
    assert_no_axe_violations(page)


def test_measure_comment_form_is_axe_clean(page, open_plan):
    page.goto(open_plan.url + "opatreni/1-1/")
    assert page.get_by_role("button", name="Odeslat připomínku").is_visible()
    assert_no_axe_violations(page)


def test_survey_in_error_state_is_axe_clean(page):
    page.goto("/komunitni-plan/anketa-2027/")
    page.get_by_role("button", name="Odeslat odpovědi").click()
    page.wait_for_load_state()
    assert "Toto pole je povinné." in page.locator("main form").inner_text()
    assert_no_axe_violations(page)


def _tab_to(page, selector, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} not reachable by keyboard")


def test_citizen_reads_plan_by_chapters_with_keyboard(page):
    page.goto(PLAN)
    _tab_to(page, ".plan-toc a")
    assert page.evaluate("document.activeElement.textContent").strip() == "1 Úvod"
    page.keyboard.press("Enter")
    page.wait_for_url("**/2025-2028/uvod/")
    titles = [page.locator("h1").inner_text()]
    for expected in ["2 Analytická část", "2.1 Socio-demografický popis území"]:
        _tab_to(page, '.plan-pager a[rel="next"]')
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        titles.append(page.locator("h1").inner_text())
        assert titles[-1] == expected
    _tab_to(page, '.plan-pager a[rel="prev"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/2025-2028/analyticka-cast/")
    assert page.locator("h1").inner_text() == "2 Analytická část"
    # The focused link shows a visible focus indicator.
    _tab_to(page, '.plan-pager a[rel="next"]')
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
