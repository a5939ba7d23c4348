from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kpss_pages.plan.models import IndicatorValue, MeasureStatus
from tests.factories import UserFactory

from .conftest import set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def year_url(plan, year=2025):
    return reverse("kpss_plan_monitoring_year", args=[plan.pk, year])


def table_post(measures, rows):
    data = {
        "form-TOTAL_FORMS": str(len(measures)),
        "form-INITIAL_FORMS": str(len(measures)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(measures):
        row = rows.get(m.number, {})
        data[f"form-{i}-status"] = row.get("status", "")
        data[f"form-{i}-commentary"] = row.get("commentary", "")
        data[f"form-{i}-indicator_{m.indicators.first().pk}"] = row.get("value", "")
    return data


def test_whole_year_saved_from_one_table(staff_client, plan, measures):
    response = staff_client.get(year_url(plan))
    assert response.status_code == 200
    assert response.content.count(b'name="form-') >= len(measures) * 3
    data = table_post(
        measures,
        {
            "1.1": {"status": "fulfilled", "commentary": "Hotovo.", "value": "48,5"},
            "2.3": {"status": "continuous"},
        },
    )
    response = staff_client.post(year_url(plan), data)
    assert response.status_code == 302
    assert MeasureStatus.objects.filter(year=2025).count() == 2
    record = MeasureStatus.objects.get(measure=measures[0], year=2025)
    assert record.status == "fulfilled" and record.commentary == "Hotovo."
    assert record.values.get().value == Decimal("48.5")
    # Clearing a row removes its record, the rest stays.
    data = table_post(measures, {"2.3": {"status": "continuous"}})
    staff_client.post(year_url(plan), data)
    assert list(MeasureStatus.objects.values_list("measure__number", flat=True)) == ["2.3"]


def test_table_with_errors_saves_nothing_and_keeps_input(staff_client, plan, measures):
    data = table_post(
        measures,
        {
            "1.1": {"status": "fulfilled", "value": "hodně"},
            "1.2": {"commentary": "bez stavu"},
            "1.3": {"status": "in_progress"},
        },
    )
    response = staff_client.post(year_url(plan), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Zadejte číslo" in text
    assert "Vyberte stav" in text
    assert "hodně" in text and "bez stavu" in text
    assert 'aria-invalid="true"' in text
    assert not MeasureStatus.objects.exists()


def test_monitoring_needs_permission(client, plan, measures):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(year_url(plan))
    assert response.status_code in (302, 403)


def import_csv(staff_client, plan, content, year=2025, encoding="utf-8"):
    upload = SimpleUploadedFile("monitoring.csv", content.encode(encoding), "text/csv")
    return staff_client.post(
        reverse("kpss_plan_monitoring_import", args=[plan.pk, year]), {"file": upload}
    )


def test_csv_import_saves_rows(staff_client, plan, measures):
    set_status(measures[2], 2025, "not_started")
    content = (
        "opatření;stav;komentář;ukazatel_1\n"
        "1.1;splněno;Služba rozšířena.;52\n"
        "1.2;Částečně splněno;;12,5\n"
        "1.3;in_progress;Zahájeno;\n"
    )
    response = import_csv(staff_client, plan, content, encoding="cp1250")
    assert response.status_code == 302
    statuses = dict(
        MeasureStatus.objects.filter(year=2025).values_list("measure__number", "status")
    )
    assert statuses == {"1.1": "fulfilled", "1.2": "partly", "1.3": "in_progress"}
    assert IndicatorValue.objects.get(record__measure=measures[1]).value == Decimal("12.5")


def test_csv_import_reports_bad_rows_and_is_atomic(staff_client, plan, measures):
    content = (
        "opatreni,stav,komentar,ukazatel_1,ukazatel_2\n"
        "1.1,splněno,OK,10,\n"
        "7.7,splněno,,,\n"
        "1.2,hotovo možná,,,\n"
        "1.3,probíhá,,deset,\n"
        "2.1,probíhá,,1,2\n"
    )
    response = import_csv(staff_client, plan, content)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Řádek 3: neznámé opatření „7.7“" in text
    assert "Řádek 4: neznámý stav „hotovo možná“" in text
    assert "Řádek 5: hodnota „deset“" in text
    assert "Řádek 6: opatření 2.1 nemá ukazatel 2" in text
    assert not MeasureStatus.objects.exists()


def test_csv_import_missing_column(staff_client, plan, measures):
    response = import_csv(staff_client, plan, "cislo;stav\n1.1;splněno\n")
    assert "Chybí sloupec „opatreni“" in response.content.decode()


def test_tampered_table_is_refused_without_error_page(staff_client, plan, measures):
    data = table_post(measures, {"1.1": {"status": "fulfilled"}})
    data["form-TOTAL_FORMS"] = "2"
    response = staff_client.post(year_url(plan), data)
    assert response.status_code == 200
    assert not MeasureStatus.objects.exists()
    response = staff_client.post(year_url(plan), {})
    assert response.status_code == 200
