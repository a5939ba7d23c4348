"""Working groups in a real browser on the demo: harmonogram, keyboard registration,
cancellation link, axe scans of every public page type and of the forms with errors."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def upcoming_meeting_url(page, group_label):
    page.goto("/harmonogram/")
    link = page.locator("#upcoming-title ~ section a", has_text=group_label).last
    return link.get_attribute("href")


@pytest.mark.parametrize(
    "path",
    [
        "/pracovni-skupiny/",
        "/pracovni-skupiny/seniori/",
        "/pracovni-skupiny/koordinacni-skupina/",
        "/harmonogram/",
        "/harmonogram/?skupina=abc",
    ],
)
def test_group_pages_have_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_meeting_pages_past_and_upcoming_have_no_axe_violations(page):
    page.goto("/harmonogram/")
    past = page.locator("#past-title ~ section a[href*='/setkani-']").first.get_attribute("href")
    upcoming = page.locator("#upcoming-title ~ section a[href*='/setkani-']").first
    upcoming_href = upcoming.get_attribute("href")
    page.goto(past)
    assert page.get_by_role("link", name=re.compile("Zápis ze setkání")).count() == 1
    assert_no_axe_violations(page)
    page.goto(upcoming_href)
    assert page.get_by_role("button", name="Přihlásit se").count() == 1
    assert_no_axe_violations(page)


def test_citizen_registers_by_keyboard_and_cancels_by_link(page):
    page.goto("/")
    page.get_by_role("link", name="Harmonogram setkání").first.click()
    page.wait_for_url("**/harmonogram/")
    href = upcoming_meeting_url(page, "osoby se zdravotním postižením")
    page.goto(href)
    page.get_by_label("Jméno a příjmení").focus()
    page.keyboard.type("Věra Klávesnicová")
    page.keyboard.press("Tab")
    page.keyboard.type("vera.klavesnicova@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Spolek Vlčina")
    page.keyboard.press("Tab")
    page.keyboard.type("Přijdu s asistentkou.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # consent
    assert page.get_by_label(re.compile("Souhlasím")).is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Přihlásit se"
    page.keyboard.press("Enter")
    page.wait_for_url("**registrace=potvrzena*")
    page.get_by_text("Jste přihlášeni.").wait_for()
    assert_no_axe_violations(page)

    sent = [m for m in mail.outbox if m.to == ["vera.klavesnicova@example.org"]]
    assert sent, "the confirmation e-mail was sent"
    link = re.search(r"http://\S+/zrusit/\?t=\S+", sent[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page.goto("/" + path)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Zrušit mou přihlášku").click()
    page.get_by_text("Vaše přihláška byla zrušena.").wait_for()
    page.goto("/" + path)
    page.get_by_role("button", name="Zrušit mou přihlášku").click()
    page.get_by_text("již byla zrušena").wait_for()
    page.goto("/" + path[:-3] + "xyz")
    page.get_by_text("není platný").wait_for()
    assert_no_axe_violations(page)


def test_registration_form_errors_are_accessible(page):
    href = upcoming_meeting_url(page, "osoby ohrožené")
    page.goto(href)
    page.get_by_label("E-mail", exact=True).fill("neni-email")
    page.get_by_role("button", name="Přihlásit se").click()
    page.locator("#id_email-errors").wait_for()
    assert page.get_by_label("E-mail", exact=True).input_value() == "neni-email"
    assert "id_email-errors" in page.get_by_label("E-mail", exact=True).get_attribute(
        "aria-describedby"
    )
    assert_no_axe_violations(page)


def test_application_form_errors_are_accessible(page):
    page.goto("/pracovni-skupiny/rodiny-s-detmi/")
    page.get_by_label("Jméno a příjmení").fill("Zkušební Zájemce")
    page.get_by_role("button", name="Odeslat přihlášku").click()
    page.get_by_text("Bez souhlasu nemůžeme přihlášku zpracovat.", exact=True).wait_for()
    assert page.get_by_label("Jméno a příjmení").input_value() == "Zkušební Zájemce"
    # the page opens at the error summary, which has the focus and links to the field
    assert page.title().startswith("Chyba: ")
    assert page.evaluate("document.activeElement.id") == "application-errors"
    assert page.locator("#application-errors a[href='#id_consent']").count() == 1
    assert_no_axe_violations(page)


def test_group_calendar_feed_is_served(page):
    response = page.request.get("/pracovni-skupiny/seniori/kalendar.ics")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    import icalendar

    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    assert len(events) == 7  # seed 000: August to April


def test_waitlisted_person_moves_up_when_someone_cancels(page):
    """The demo's first upcoming meeting of families is full with one person waiting."""
    from kpss_pages.groups import registration as registration_logic
    from kpss_pages.groups.models import Registration

    waiting = Registration.objects.get(status="waitlist", email="lenka.cekajici@example.org")
    meeting = waiting.meeting
    page.goto("/harmonogram/")
    assert page.locator("li", has_text="Obsazeno").count() >= 1
    first = meeting.registrations.filter(status="confirmed").order_by("created_at").first()
    link = registration_logic.cancel_url(first)
    path = link.split("://", 1)[1].split("/", 1)[1]
    mail.outbox.clear()
    page.goto("/" + path)
    page.get_by_role("button", name="Zrušit mou přihlášku").click()
    page.get_by_text("Vaše přihláška byla zrušena.").wait_for()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    promoted = [m for m in mail.outbox if m.to == ["lenka.cekajici@example.org"]]
    assert promoted and "Uvolnilo se pro vás místo" in promoted[0].subject


def test_harmonogram_print_layout_hides_navigation_and_filters(page):
    page.goto("/harmonogram/")
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator("form.filters").is_visible()
    assert page.get_by_role("heading", name="Nadcházející setkání").is_visible()


def test_cancelled_meeting_is_marked_in_the_harmonogram(page):
    page.goto("/harmonogram/")
    item = page.locator("li.meeting--cancelled", has_text="PS Dubová Lhota")
    assert item.count() == 1
    assert "Zrušeno" in item.inner_text()


def test_registering_on_a_cached_meeting_page_shows_the_new_seat_count_at_once(
    page, browser, demo_server
):
    from django.utils import timezone

    from kpss_pages.groups.models import MeetingPage

    meeting = next(
        m
        for m in MeetingPage.objects.live().filter(start__gt=timezone.now(), seat_limit__gt=2)
        if m.is_public and m.seats_left() > 1
    )
    free = meeting.seats_left()
    page.goto(meeting.url)
    response = page.goto(meeting.url)
    assert response.headers.get("x-kpss-cache") == "hit"
    seats = page.locator("dt", has_text="Volná místa").locator("xpath=following-sibling::dd[1]")
    assert seats.inner_text().startswith(f"{free} z ")

    other = browser.new_context(base_url=demo_server, locale="cs-CZ").new_page()
    other.goto(meeting.url)  # a cached page: its form carries this visitor's own token
    other.get_by_label("Jméno a příjmení").fill("Ota Mezipaměťový")
    other.get_by_role("textbox", name="E-mail").fill("ota.mezipamet@example.org")
    other.get_by_label(re.compile("Souhlasím")).check()
    other.get_by_role("button", name="Přihlásit se").click()
    other.wait_for_url("**registrace=*")
    other.context.close()

    page.reload()
    assert seats.inner_text().startswith(f"{free - 1} z ")
