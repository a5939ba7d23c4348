import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.documents.models import Document

from kpss_pages.plan.models import Measure, MeasureStatus, PlanIndexPage, PlanPage, Priority
from tests.factories import UserFactory

from .conftest import add_chapter

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_views_render(admin_client, plan, measures):
    urls = [
        reverse("kpss_plan_monitoring"),
        reverse("kpss_plan_monitoring_import", args=[plan.pk, 2025]),
        reverse("wagtailsnippets_kpss_plan_priority:list"),
        reverse("wagtailsnippets_kpss_plan_measure:list"),
        reverse("wagtailsnippets_kpss_plan_measure:add"),
        reverse("wagtailsnippets_kpss_plan_measure:edit", args=[measures[0].pk]),
        reverse("wagtailadmin_pages:add", args=["kpss_plan", "planpage", plan.get_parent().pk]),
        reverse("wagtailadmin_pages:add", args=["kpss_plan", "planchapterpage", plan.pk]),
        reverse("wagtailadmin_pages:edit", args=[plan.pk]),
    ]
    for url in urls:
        assert admin_client.get(url).status_code == 200, url
    assert (
        admin_client.get(reverse("kpss_plan_monitoring_year", args=[plan.pk, 2040])).status_code
        == 404
    )


def test_editor_adds_measure_with_indicators(admin_client, plan, measures):
    priority = Priority.objects.get(plan=plan, number=1)
    data = {
        "priority": priority.pk,
        "number": "1.4",
        "timeframe": "2027",
        "title": "Nové opatření",
        "description": "",
        "responsible": "Město",
        "partners": "",
        "estimated_cost": "",
        "cost_note": "",
        "funding_sources": "",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
        "indicators-0-name": "Počet akcí",
        "indicators-0-unit": "akcí",
        "indicators-0-target_value": "12",
        "indicators-0-ORDER": "1",
        "indicators-0-id": "",
        "indicators-0-DELETE": "",
    }
    response = admin_client.post(reverse("wagtailsnippets_kpss_plan_measure:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = Measure.objects.get(number="1.4")
    assert measure.indicators.get().name == "Počet akcí"
    data["number"] = "2.9"
    response = admin_client.post(reverse("wagtailsnippets_kpss_plan_measure:add"), data)
    assert response.status_code == 200
    assert "musí začínat číslem priority" in response.content.decode()


def test_import_command_is_atomic_with_czech_errors(plan, measures, tmp_path):
    good = tmp_path / "ok.csv"
    good.write_text("opatreni;stav;komentar\n1.1;splněno;Hotovo\n2.1;průběžně;\n", "utf-8")
    call_command("import_monitoring", str(plan.pk), "2025", str(good))
    assert MeasureStatus.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("opatreni;stav\n1.2;splněno\n8.1;splněno\n", "utf-8")
    with translation.override("cs"), pytest.raises(CommandError) as err:
        call_command("import_monitoring", plan.slug, "2026", str(bad))
    assert "Řádek 3: neznámé opatření „8.1“" in str(err.value)
    assert MeasureStatus.objects.count() == 2
    with translation.override("cs"), pytest.raises(CommandError):
        call_command("import_monitoring", "neexistuje", "2026", str(bad))


def test_documents_block_and_home_section(client, home, plan):
    doc = Document.objects.create(
        title="Zápis z jednání", file=ContentFile(b"%PDF-1.4", "zapis.pdf")
    )
    chapter = add_chapter(
        plan,
        "Přílohy",
        "prilohy",
        body=[
            (
                "documents",
                {
                    "title": "Dokumenty ke stažení",
                    "documents": [
                        {"document": doc, "title": "", "description": "Zápis z pracovní skupiny"}
                    ],
                },
            ),
        ],
    )
    text = client.get(chapter.url).content.decode()
    assert "Dokumenty ke stažení" in text and "Zápis z jednání" in text
    home_html = client.get(home.url).content.decode()
    assert plan.title in home_html and "Priority a opatření" in home_html
    assert PlanIndexPage.objects.count() == 1 and PlanPage.objects.count() == 1


def test_admin_menu_groups_plan_tools(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ["Komunitní plán", "Monitoring plánu", "Výsledky anket", "Připomínky k návrhu"]:
        assert json.dumps(label)[1:-1] in html, label  # the sidebar is JSON in a script tag
