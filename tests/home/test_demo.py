"""The demo follows the seeds: about the project, how to take part, contacts, accessibility."""

import re
from io import BytesIO

from bs4 import BeautifulSoup
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.demo.site import DEMO_ADMIN, PARTNERS
from kpss_pages.groups.models import HarmonogramPage, MeetingPage, WorkingGroupIndexPage
from kpss_pages.plan.models import PlanPage, SurveyPage


def main_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


def test_about_the_project_has_funding_partners_and_period(client, demo):
    text = main_text(client, "/o-projektu/")
    for fact in [
        "Evropského sociálního fondu plus",
        "státního rozpočtu ČR",
        "1 480 000 Kč",
        "1. 6. 2023 – 31. 5. 2025",
        "2025–2028",
        "smlouvami o partnerství",
        "PS senioři",
        "Koordinační (řídící) skupina",
    ]:
        assert fact in text, fact
    assert PARTNERS and all(town in text for town in PARTNERS)
    soup = BeautifulSoup(client.get("/o-projektu/").content, "html.parser")
    assert soup.find("main").find("img")["alt"].startswith("Schéma: uprostřed Ostrov nad Vlčinou")
    assert soup.find("caption").get_text(strip=True).startswith("Obce správního obvodu")


def test_how_to_take_part_names_all_five_stakeholder_groups_and_how_to_join(client, demo):
    text = main_text(client, "/jak-se-zapojit/")
    for group in [
        "zadavatelé sociálních služeb",
        "poskytovatelé sociálních služeb",
        "uživatelé sociálních služeb",
        "odborná veřejnost",
        "široká veřejnost",
    ]:
        assert group in text, group
    assert "pozváni jako host" in text and "plnoprávný člen" in text
    assert "předem přihlaste" in text
    document = get_document_model().objects.get(title="Organizační a jednací řád pracovních skupin")
    with document.file.open("rb") as fh:
        pdf = PdfReader(BytesIO(fh.read()))
    assert pdf.trailer["/Root"]["/Lang"] == "cs"
    assert "Členství" in pdf.pages[0].extract_text()


def test_how_to_take_part_links_to_the_survey_harmonogram_forms_and_comments(client, demo):
    main = BeautifulSoup(client.get("/jak-se-zapojit/").content, "html.parser").find("main")
    links = {a["href"]: a.get_text(" ", strip=True) for a in main.find_all("a")}
    survey = SurveyPage.objects.get(slug="anketa-2027")
    for page, words in [
        (survey, "veřejné ankety"),
        (HarmonogramPage.objects.get(), "harmonogramu setkání"),  # meetings' registration
        (WorkingGroupIndexPage.objects.get(), "pracovní skupiny"),  # membership application
        (PlanPage.objects.get(slug="2025-2028"), "komunitního plánu"),  # comment procedure
    ]:
        assert page.url in links, (page.url, links)
        assert words in links[page.url]
    assert "předem přihlaste" in main.get_text(" ", strip=True)


def test_contacts_and_accessibility_statement(client, demo):
    contacts = main_text(client, "/kontakty/")
    assert "koordinátorka komunitního plánování".lower() in contacts.lower()
    assert "Úřední hodiny odboru sociálních věcí" in contacts
    statement = main_text(client, "/prohlaseni-o-pristupnosti/")
    assert "99/2019 Sb." in statement and "WCAG 2.1" in statement
    # Honest: partial compliance, with what is not accessible and how it was assessed.
    assert "Tyto internetové stránky jsou částečně v souladu se zákonem č. 99/2019 Sb." in (
        statement
    )
    assert "jsou v souladu se zákonem" not in statement
    assert "import z Plone" in statement and "tlumočníka českého znakového jazyka" in statement
    assert "vlastním posouzením" in statement and "1. 11. 2026" in statement
    assert "Ministerstvo vnitra" in statement
    footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    assert footer.find("a", string="Prohlášení o přístupnosti")["href"] == (
        "/prohlaseni-o-pristupnosti/"
    )


def test_demo_uses_only_fictional_contacts(client, demo):
    emails, phones = set(), set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        html = client.get(page.url).content.decode()
        emails |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", html))
        phones |= set(re.findall(r"\+420[\d ]{9,12}\d", html))
    assert emails and all(e.endswith(".example") for e in emails), emails
    assert phones and all(p.replace(" ", "").startswith("+420555000") for p in phones), phones


def test_contact_emails_and_phones_are_links(client, demo):
    """Every e-mail and phone number on the contact-bearing pages is a mailto:/tel: link."""
    meeting = MeetingPage.objects.live().first()
    group = meeting.group.url
    meeting = meeting.url
    service = BeautifulSoup(client.get("/katalog-sluzeb/").content, "html.parser").select_one(
        "a[href*='/sluzba/']"
    )["href"]
    for url in ["/kontakty/", "/prohlaseni-o-pristupnosti/", group, meeting, service]:
        main = BeautifulSoup(client.get(url).content, "html.parser").find("main")
        text = main.get_text(" ", strip=True)
        shown = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        linked = {a["href"][7:] for a in main.select("a[href^='mailto:']")}
        assert shown and shown == linked, (url, shown, linked)
        phones = {re.sub(r"\D", "", p) for p in re.findall(r"\+420[\d ]{9,12}\d", text)}
        tel = {a["href"][4:] for a in main.select("a[href^='tel:']")}
        assert phones and {"+" + p for p in phones} <= tel, (url, phones, tel)
        assert all(re.fullmatch(r"\+?\d+", number) for number in tel), tel
    footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    assert footer.select_one("a[href='mailto:kpss@ostrov-nad-vlcinou.example']")
    assert footer.select_one("a[href='tel:+420555000101']")


def test_demo_admin_can_log_in(client, demo):
    username, password = DEMO_ADMIN
    assert client.login(username=username, password=password)
    assert client.get("/admin/").status_code == 200
