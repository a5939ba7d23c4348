"""News in a real browser: a citizen subscribes by keyboard, confirms from the e-mail,
receives an issue, unsubscribes in one click; every public news page is axe-clean."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

NEWS_PAGES = [
    "/aktuality/",
    "/aktuality/?page=2",
    "/aktuality/stitek/anketa/",
    "/aktuality/2025/",
    "/aktuality/2024/10/",
    "/aktuality/vysledky-ankety/",  # article with a table
    "/aktuality/swot-analyza-senioru/",  # article with a quote
    "/aktuality/navrh-planu-k-pripominkam/",  # article with a call-out
    "/aktuality/zpravodaj/",  # newsletter archive
    "/aktuality/zpravodaj-1-2025/",  # web version of an issue
    "/odber/",
    "/odber/odeslano/",
    "/odber/potvrdit/neplatny/",
    "/odber/odhlasit/neplatny/",
]


@pytest.mark.parametrize("path", NEWS_PAGES)
def test_news_pages_have_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status in (200, 400)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_subscribe_form_error_state_is_accessible(page):
    page.goto("/odber/")
    page.get_by_label("Váš e-mail").fill("tohle-neni-adresa")
    page.get_by_role("button", name="Přihlásit k odběru").click()
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert "Bez vašeho souhlasu" in page.locator("#id_consent-errors").inner_text()
    assert page.locator("#id_email").input_value() == "tohle-neni-adresa"
    assert_no_axe_violations(page)


def _tab_to(page, element_id, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} not reachable by Tab")


def test_citizen_subscribes_confirms_receives_issue_and_unsubscribes(page, django_db_blocker):
    from kpss_pages.news import sending
    from kpss_pages.news.models import ArticlePage, NewsIndexPage, NewsletterIssuePage, Subscriber

    address = "obcanka.prohlizec@domov.example"
    mail.outbox = []
    page.goto("/")
    # The home page box leads to the form with the address filled in.
    _tab_to(page, "home-subscribe-email")
    page.keyboard.type(address)
    page.keyboard.press("Enter")
    page.wait_for_url("**/odber/?email=*")
    assert page.locator("#id_email").input_value() == address
    _tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/odber/odeslano/**")  # the form's #subscribe-errors may follow
    assert "Zkontrolujte" in page.locator("h1").inner_text()

    assert len(mail.outbox) == 1
    confirm_url = re.search(r"https?://\S+/odber/potvrdit/\S+/", mail.outbox[0].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", confirm_url))  # BASE_URL is not the test server
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Potvrdit odběr").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/odber/nastaveni/**")
    assert "odběr je potvrzen" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # Preferences: choose a target group instead of all news, then back.
    page.get_by_label("Senioři", exact=True).check()
    page.get_by_label("Všechny novinky").uncheck()
    page.get_by_role("button", name="Uložit").click()
    assert "Vaše volba byla uložena." in page.locator("main").inner_text()
    page.get_by_label("Všechny novinky").check()
    page.get_by_role("button", name="Uložit").click()

    with django_db_blocker.unblock():
        subscriber = Subscriber.objects.get(email=address)
        assert subscriber.confirmed_at is not None and subscriber.all_news
        index = NewsIndexPage.objects.get(slug="aktuality")
        article = ArticlePage.objects.get(slug="zprava-o-naplnovani-planu-2025")
        issue = NewsletterIssuePage(title="Zpravodaj – test prohlížeče", slug="zpravodaj-test")
        index.add_child(instance=issue)
        issue.save_revision().publish()
        from kpss_pages.news.models import NewsletterIssueArticle

        NewsletterIssueArticle.objects.create(issue=issue, article=article)
        mail.outbox = []
        sending.send_issue(issue.pk)
        sending.send_issue(issue.pk)  # a repeated run sends nothing more
    mine = [m for m in mail.outbox if m.to == [address]]
    assert len(mine) == 1
    assert "Zpráva o naplňování komunitního plánu za rok 2025" in mine[0].body
    unsubscribe_url = mine[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = re.sub(r"^https?://[^/]+", "", unsubscribe_url)

    page.goto(path)  # the link in the e-mail footer shows a confirmation page
    assert_no_axe_violations(page)
    # The mail client's one-click POST (RFC 8058): no cookies, no CSRF token.
    response = page.context.request.post(
        path,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    with django_db_blocker.unblock():
        assert not Subscriber.objects.filter(email=address).exists()
    page.goto(path)
    assert "neodebírá" in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_feeds_are_linked_from_the_head(page):
    page.goto("/")
    hrefs = page.locator('head link[rel="alternate"]').evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert "/aktuality/rss/" in hrefs and "/aktuality/atom/" in hrefs
