"""The accessibility statement says what the site is: its compliance wording (decree
78/2020 Sb.), non-accessible content, date and method, contact and enforcement come from
the site's settings, on the page the settings name as the statement and only there."""

import datetime

import pytest
from bs4 import BeautifulSoup

from kpss_pages.core.models import KpssSettings
from tests.factories import make_content_page

pytestmark = pytest.mark.django_db

FULL = "Tyto internetové stránky jsou v souladu se zákonem č. 99/2019 Sb."
PARTIAL = "Tyto internetové stránky jsou částečně v souladu se zákonem č. 99/2019 Sb."
NONE = "Tyto internetové stránky nejsou v souladu se zákonem č. 99/2019 Sb."


def _statement(client, home, **fields):
    page = make_content_page(home, title="Prohlášení o přístupnosti")
    other = make_content_page(home, title="O projektu")
    settings = KpssSettings.for_site(home.get_site())
    settings.accessibility_page = page
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    main = BeautifulSoup(client.get(page.url).content, "html.parser").find("main")
    other_text = BeautifulSoup(client.get(other.url).content, "html.parser").find("main").text
    assert "99/2019" not in other_text
    return main


@pytest.mark.parametrize(
    ("compliance", "wording", "absent"),
    [
        ("full", FULL, ("Nepřístupný obsah", PARTIAL)),
        ("partial", PARTIAL, (FULL,)),
        ("none", NONE, (FULL, PARTIAL)),
    ],
)
def test_compliance_wording_follows_the_setting(client, home, compliance, wording, absent):
    main = _statement(
        client,
        home,
        accessibility_compliance=compliance,
        accessibility_non_compliant="<ul><li>Naskenované zápisy ze setkání</li></ul>",
        accessibility_statement_date=datetime.date(2026, 11, 1),
    )
    text = main.get_text(" ", strip=True)
    assert wording in text
    for phrase in absent:
        assert phrase not in text
    assert ("Naskenované zápisy ze setkání" in text) is (compliance != "full")
    assert "Toto prohlášení bylo vypracováno dne 1. 11. 2026." in text
    assert "vlastním posouzením subjektu veřejného sektoru" in text
    assert "Ministerstvo vnitra" in text and "Postup při vymáhání" in text
    assert main.select_one("a[href='mailto:kpss@zkusebnice.example']")


def test_nothing_is_generated_until_the_compliance_is_set(client, home):
    main = _statement(client, home, accessibility_compliance="")
    assert "99/2019" not in main.get_text()


def test_third_party_assessment_and_review_date(client, home):
    text = _statement(
        client,
        home,
        accessibility_compliance="partial",
        accessibility_assessment="third_party",
        accessibility_reviewed_date=datetime.date(2027, 1, 15),
    ).get_text(" ", strip=True)
    assert "Posouzení souladu bylo provedeno třetí stranou." in text
    assert "naposledy přezkoumáno dne 15. 1. 2027" in text
    assert "Nepřístupný obsah zatím nebyl vypsán." in text
