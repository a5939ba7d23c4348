import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from catalog.models import CatalogLogEntry, Municipality, Provider, RegisterTargetGroup, Service
from tests.catalog.builders import make_service
from tests.catalog.register_files import BAD_RECORDS, NOT_REGISTER_FILES, service_item, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def area():
    translation.activate("cs")
    Municipality.objects.create(name="Ostrov nad Vlčinou", slug="ostrov", code="Obec/999101")
    Municipality.objects.create(name="Lipník u Vlčiny", slug="lipnik", code="Obec/999102")
    yield
    translation.deactivate()


def run(path, *args):
    out = io.StringIO()
    call_command("import_register", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot():
    return [
        (s.register_id, s.name, s.updated, s.capacity, s.is_ended, s.places.count())
        for s in Service.objects.order_by("register_id")
    ]


def test_import_creates_services_in_area_only(tmp_path):
    path = write(
        tmp_path,
        [
            service_item("1234567"),
            service_item("7654321", obec="Obec/554499"),  # facility elsewhere
            service_item(
                "1111111",
                obec="Obec/554499",
                rozsirenePusobnostiVKraji=[{"obec": {"id": "Obec/999102"}}],
            ),
        ],
    )
    output = run(path)
    assert "Nové: 2" in output or "nové: 2" in output.lower()
    assert sorted(Service.objects.values_list("register_id", flat=True)) == ["1111111", "1234567"]
    service = Service.objects.get(register_id="1234567")
    assert service.service_type.code == "DruhSocialniSluzby/13"
    assert [f.code for f in service.forms.all()] == ["FormaSocialniSluzby/pob"]
    assert (
        service.capacity == 32 and service.capacity_unit.code == "TypKapacitySocialniSluzby/luzka"
    )
    assert service.nonstop
    assert service.places.count() == 1  # the duplicate facility is merged
    place = service.places.get()
    assert place.street == "Nemocniční 2272/54" and place.postcode == "35201"
    assert place.city == "Ostrov nad Vlčinou" and place.address_code == "11867906"
    assert service.provider.ico == "00064581"
    assert [m.slug for m in service.municipalities.all()] == ["ostrov"]
    reach = Service.objects.get(register_id="1111111")
    assert [m.slug for m in reach.municipalities.all()] == ["lipnik"]
    # unknown codes become unnamed vocabulary entries
    unknown = RegisterTargetGroup.objects.get(code="CilovaSkupinaOsoby/99")
    assert unknown.name == "" and unknown in service.register_target_groups.all()
    # the statutory body's personal data is stored nowhere
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "catalog_provider",
            "catalog_service",
            "catalog_serviceplace",
            "catalog_servicecontact",
        ):
            cursor.execute(f"SELECT * FROM {table}")
            assert "Statutárníková" not in repr(cursor.fetchall())
    assert CatalogLogEntry.objects.filter(
        action="catalog.import", object_id=str(service.pk)
    ).exists()
    assert service in list(Service.objects.search("vysluni"))


def test_import_twice_changes_nothing(tmp_path):
    path = write(tmp_path, [service_item("1234567"), service_item("2222222")])
    run(path)
    before = snapshot()
    logs = CatalogLogEntry.objects.count()
    output = run(path)
    assert snapshot() == before
    assert CatalogLogEntry.objects.count() == logs
    assert "nezměněno: 2" in output.lower()


def test_update_keeps_staff_fields_and_marks_ended(tmp_path):
    run(write(tmp_path, [service_item("1234567")]))
    service = Service.objects.get()
    service.name = "Domov Na Výsluní Ostrov"
    service.description = "Text od pracovnice obce."
    service.how_to_apply = "Zavolejte."
    service.save()
    service.tags.add("bezbariérový přístup")
    service.save()
    changed = service_item(
        "1234567", datumPoskytovaniDo="2020-12-31", telefony=[{"telefon": "555000999"}]
    )
    output = run(write(tmp_path, [changed], "second.json"))
    service.refresh_from_db()
    assert "ukončeno: 1234567" in output.lower()
    assert service.is_ended and str(service.ended_on) == "2020-12-31"
    assert service.phone == "555000999"
    assert service.name == "Domov Na Výsluní Ostrov"
    assert (
        service.description == "Text od pracovnice obce." and service.how_to_apply == "Zavolejte."
    )
    assert [t.name for t in service.tags.all()] == ["bezbariérový přístup"]
    assert Service.objects.filter(register_id="1234567").count() == 1  # not deleted


def test_dry_run_writes_nothing(tmp_path):
    make_service("Stávající", register_id="2222222", capacity=10)
    before = snapshot()
    providers = Provider.objects.count()
    output = run(write(tmp_path, [service_item("1234567"), service_item("2222222")]), "--dry-run")
    assert "nová: 1234567" in output.lower()
    assert "změněno: 2222222" in output.lower()
    assert "nic nebylo zapsáno" in output.lower()
    assert snapshot() == before and Provider.objects.count() == providers


def test_area_options(tmp_path):
    path = write(tmp_path, [service_item("1234567"), service_item("7654321", obec="Obec/554499")])
    run(path, "--municipality", "554499")
    assert list(Service.objects.values_list("register_id", flat=True)) == ["7654321"]
    item = service_item(
        "3333333", obec="Obec/1", rozsirenePusobnostiVKraji=[{"orp": {"id": "Orp/7207"}}]
    )
    run(write(tmp_path, [item], "orp.json"), "--orp", "7207")
    assert Service.objects.filter(register_id="3333333").exists()


def test_hidden_address_is_not_stored(tmp_path):
    item = service_item("1234567")
    for facility in item["zarizeni"]:
        facility["utajenaAdresa"] = True
    run(write(tmp_path, [item]))
    place = Service.objects.get().places.get()
    assert place.hidden_address and place.street == "" and place.address_code == ""


@pytest.mark.parametrize("case", sorted(NOT_REGISTER_FILES))
def test_files_that_are_not_register_files_stop_with_czech_message(tmp_path, case):
    run(write(tmp_path, [service_item("2222222")], "first.json"))
    before = snapshot()
    good = json.dumps(
        {"polozky": [service_item("1234567"), service_item("7654321")]}, ensure_ascii=False
    )
    path = tmp_path / "bad.json"
    path.write_text(NOT_REGISTER_FILES[case](good), "utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert "Databáze nebyla změněna" in str(error.value)
    assert "Traceback" not in str(error.value)
    assert snapshot() == before
    assert not Service.objects.filter(register_id="1234567").exists()


# Records the importer must list as unreadable (the others in BAD_RECORDS are odd but
# readable: a value of the wrong type where nothing needed is expected is ignored).
UNREADABLE = {
    "not an object": "není objekt",
    "a list": "není objekt",
    "bad identifier": "nemá 7 číslic",
    "identifier an object": "nemá 7 číslic",
    "bad date": "datumPoskytovaniOd není datum",
    "date a number": "datumPoskytovaniDo není datum",
    "no type": "chybí druh služby",
    "type a string": "chybí druh služby",
    "provider a string": "chybí poskytovatel",
    "facilities a string": "není seznam",
    "address a list": "není objekt",
    "capacity huge": "není počet míst",
}
IN_AREA_BY_REACH = {"rozsirenePusobnostiVKraji": [{"obec": {"id": "Obec/999101"}}]}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_unreadable_records_are_listed_and_skipped_the_rest_imported(tmp_path, case):
    run(write(tmp_path, [service_item("7654321", nazev="Původní název")], "first.json"))
    before = snapshot()
    bad = BAD_RECORDS[case]({**service_item("7654321", nazev="Nový název"), **IN_AREA_BY_REACH})
    items = [service_item("1234567"), bad, service_item("1111111")]
    output = run(write(tmp_path, items))
    assert Service.objects.filter(register_id__in=["1234567", "1111111"]).count() == 2
    if case in UNREADABLE:
        labels = {"bad identifier": "(12)", "identifier an object": "(?)"}
        label = labels.get(case, "(7654321)" if isinstance(bad, dict) else "(?)")
        line = next(line for line in output.splitlines() if line.startswith("přeskočeno"))
        assert line.startswith("přeskočeno: položka 2 ("), output
        assert label in line and UNREADABLE[case] in line, line
        assert "1 položku nebylo možné přečíst" in output
        assert [row for row in snapshot() if row[0] == "7654321"] == before  # unchanged
    else:
        assert "přeskočeno" not in output, output


def test_every_unreadable_record_is_listed(tmp_path):
    items = [
        service_item("1234567"),
        {**service_item("2345678"), "datumPoskytovaniOd": "zítra"},
        7,
        {**service_item("3456789"), "druhSocialniSluzby": None},
    ]
    output = run(write(tmp_path, items))
    skipped = [line for line in output.splitlines() if line.startswith("přeskočeno")]
    assert [line.split(":")[1].strip() for line in skipped] == [
        "položka 2 (2345678)",
        "položka 3 (?)",
        "položka 4 (3456789)",
    ]
    assert "3 položky nebylo možné přečíst" in output
    assert Service.objects.filter(register_id="1234567").exists()


def test_records_outside_the_area_are_never_validated(tmp_path):
    outside = service_item("12", obec="Obec/555555", datumPoskytovaniOd="zítra")
    output = run(write(tmp_path, [service_item("1234567"), outside, 5]))
    assert "přeskočeno: položka 3" in output  # not an object: the area cannot be told
    assert "položka 2" not in output
    assert Service.objects.filter(register_id="1234567").exists()


def test_web_address_that_is_not_http_is_reported_and_left_empty(tmp_path, client):
    item = service_item(
        "1234567",
        weby=[{"web": "javascript:alert(document.domain)//", "poznamka": None}],
        emaily=[{"email": "<script>@x", "poznamka": None}],
    )
    item["poskytovatel"]["weby"] = [{"web": "data:text/html,<script>alert(1)</script>"}]
    output = run(write(tmp_path, [item]))
    service = Service.objects.get(register_id="1234567")
    assert service.web == "" and service.email == "" and service.provider.web == ""
    assert (
        "položka 1 (1234567): web „javascript:alert(document.domain)//“ není adresa http(s)"
        in output
    )
    assert "web poskytovatele" in output


def test_nul_and_control_characters_never_reach_the_database(tmp_path):
    item = service_item("1234567", nazev="Domov\x00 na\x0b výsluní\x1f")
    item["zarizeni"][0]["nazev"] = "Budova\x00 A"
    run(write(tmp_path, [item]))
    service = Service.objects.get(register_id="1234567")
    assert service.name == "Domov na výsluní"
    assert service.places.first().name == "Budova A"


def test_bad_file_messages_are_czech(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{"polozky": [{"identifikator": "1234567"', "utf-8")
    with pytest.raises(CommandError, match="není platný JSON nebo je useknutý"):
        run(path)
    with pytest.raises(CommandError, match="nelze otevřít"):
        run(tmp_path / "missing.json")


def test_import_streams_items(tmp_path):
    """The reader yields items one by one from a file object (no full json.load)."""
    from catalog.importer import iter_register_items

    items = [service_item(f"{n:07d}") for n in range(1, 4)]
    data = json.dumps({"polozky": items}).encode()

    class OnePass(io.BytesIO):
        reads = 0

        def read(self, size=-1):
            assert size != -1, "the whole file must never be read at once"
            OnePass.reads += 1
            return super().read(size)

    stream = iter_register_items(OnePass(data))
    assert next(stream)["identifikator"] == "0000001"
    assert len(list(stream)) == 2


def _upload(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("rpss.json", path.read_bytes(), content_type="application/json")


def test_admin_upload_imports_and_reports(client, admin_user, tmp_path):
    from django.urls import reverse

    client.force_login(admin_user)
    url = reverse("catalog_admin:import")
    assert client.get(url).status_code == 200
    path = write(tmp_path, [service_item("1234567")])
    ostrov = Municipality.objects.get(slug="ostrov")
    dry = client.post(url, {"file": _upload(path), "municipalities": [ostrov.pk], "dry_run": "on"})
    assert "nová: 1234567" in dry.content.decode() and not Service.objects.exists()
    done = client.post(url, {"file": _upload(path), "municipalities": [ostrov.pk]})
    assert "Nové: 1" in done.content.decode()
    service = Service.objects.get(register_id="1234567")
    assert CatalogLogEntry.objects.filter(
        action="catalog.import", object_id=str(service.pk), user=admin_user
    ).exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"polozky": [', "utf-8")
    response = client.post(url, {"file": _upload(bad)})
    assert response.status_code == 200
    assert (
        "useknutý" in response.content.decode()
        and "Databáze nebyla změněna" in response.content.decode()
    )


def test_admin_upload_large_file_runs_as_task_and_keeps_its_report(
    client, admin_user, tmp_path, settings
):
    from django.urls import reverse

    from catalog.models import RegisterImport

    settings.CATALOG_IMPORT_SYNC_MAX_MB = 0
    client.force_login(admin_user)
    items = [service_item("1234567"), {**service_item("2345678"), "druhSocialniSluzby": None}]
    response = client.post(
        reverse("catalog_admin:import"), {"file": _upload(write(tmp_path, items))}
    )
    assert response.status_code == 302
    assert Service.objects.filter(register_id="1234567").exists()  # ImmediateBackend in tests
    record = RegisterImport.objects.get()
    assert record.state == RegisterImport.State.DONE and record.user == admin_user
    assert any("nová: 1234567" in line for line in record.report)
    page = client.get(reverse("catalog_admin:import")).content.decode()
    assert "Importy na pozadí" in page
    assert "přeskočeno: položka 2 (2345678): chybí druh služby." in page

    bad = tmp_path / "bad.json"
    bad.write_text('{"polozky": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    client.post(reverse("catalog_admin:import"), {"file": _upload(bad)})
    failed = RegisterImport.objects.first()
    assert failed.state == RegisterImport.State.FAILED
    assert "Databáze nebyla změněna" in failed.report[0]


@pytest.mark.parametrize("case", sorted(NOT_REGISTER_FILES))
def test_admin_upload_of_a_file_that_is_not_a_register_file(client, admin_user, tmp_path, case):
    from django.urls import reverse

    client.force_login(admin_user)
    path = tmp_path / "bad.json"
    good = json.dumps({"polozky": [service_item("1234567")]}, ensure_ascii=False)
    path.write_text(NOT_REGISTER_FILES[case](good), "utf-8")
    response = client.post(reverse("catalog_admin:import"), {"file": _upload(path)})
    assert response.status_code == 200
    page = response.content.decode()
    # An empty upload is refused by the form itself ("Odeslaný soubor je prázdný").
    assert "Databáze nebyla změněna" in page or (case == "empty" and "prázdný" in page)
    assert not Service.objects.exists()


def test_provider_editor_cannot_import(client, tmp_path):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from tests.factories import UserFactory

    user = UserFactory(username="editor-import")
    user.groups.add(Group.objects.get(name="Editoři poskytovatelů"))
    client.force_login(user)
    response = client.post(
        reverse("catalog_admin:import"), {"file": _upload(write(tmp_path, [service_item()]))}
    )
    assert response.status_code == 302 and not Service.objects.exists()
