import csv
import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

from catalog.models import CatalogPage, Municipality, ServiceContact
from tests.catalog.builders import make_provider, make_service
from tests.factories import add_page

pytestmark = pytest.mark.django_db

# ../shared relative to the repository root; KPSS_SHARED_DIR overrides it (e.g. in a worktree)
SHARED = Path(os.environ.get("KPSS_SHARED_DIR") or Path(settings.BASE_DIR).parent / "shared")
HSDS = SHARED / "data" / "hsds"


@pytest.fixture
def catalog(home):
    return add_page(home, CatalogPage, title="Katalog služeb", slug="katalog-sluzeb")


@pytest.fixture
def services():
    ostrov = Municipality.objects.create(
        name="Ostrov nad Vlčinou", slug="ostrov", code="Obec/999101"
    )
    lipnik = Municipality.objects.create(name="Lipník u Vlčiny", slug="lipnik", code="Obec/999102")
    charita = make_provider("Charita Ostrov nad Vlčinou", ico="00064581", phone="+420 555 000 100")
    domov = make_service(
        "Domov pro seniory Žluťoučký kůň",
        charita,
        municipalities=[ostrov],
        tags=["bezbariérový přístup"],
        register_id="1234567",
        description="Pobytová péče pro seniory.",
        phone="+420 555 000 111",
    )
    ServiceContact.objects.create(
        service=domov, role="sociální pracovnice", email="socialni@ostrov.example"
    )
    poradna = make_service(
        "Občanská poradna Ďáblice",
        type_code="DruhSocialniSluzby/1",
        forms=["FormaSocialniSluzby/amb"],
        register_groups=[],
        groups=["osoby-ohrozene-socialnim-vyloucenim"],
        municipalities=[lipnik],
    )
    make_service("Ukončená služba", is_ended=True)
    return domov, poradna


def pdf_text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_whole_catalogue_pdf(client, catalog, services):
    response = client.get(catalog.url + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(response.content)
    assert reader.trailer["/Root"]["/Lang"] == "cs"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Město Zkušebnice" in text  # cover: the town
    assert "Domov pro seniory Žluťoučký kůň" in text
    assert "Občanská poradna Ďáblice" in text
    assert "sociální pracovnice" in text and "socialni@ostrov.example" in text
    assert "Ukončená služba" not in text
    assert "Rejstřík podle obcí" in text and "Rejstřík podle cílových skupin" in text
    # entries are numbered and the indexes refer to those numbers
    numbers = dict(
        re.findall(
            r"^(\d+)\.\s*(Domov pro seniory Žluťoučký kůň|Občanská poradna Ďáblice)", text, re.M
        )
    )
    assert sorted(numbers) == ["1", "2"]
    index = text.split("Rejstřík podle obcí")[-1]
    for number, name in numbers.items():
        assert re.search(re.escape(name) + r"\s+\(" + number + r"\)", index)
    # the table of contents gives the page on which each service type starts
    toc_page = reader.pages[1].extract_text()
    assert "Domovy pro seniory" in toc_page and "Odborné sociální poradenství" in toc_page
    assert any(
        line.rstrip().endswith(("3", "4")) for line in toc_page.splitlines() if "Domovy" in line
    )


def test_filtered_pdf_and_cache_invalidation(client, catalog, services):
    domov, poradna = services
    _, text = pdf_text(client.get(catalog.url + "pdf/", {"obec": "lipnik"}).content)
    assert "Občanská poradna Ďáblice" in text and "Žluťoučký" not in text
    _, text = pdf_text(client.get(catalog.url + "pdf/").content)
    assert "Poradna pro dlužníky" not in text
    poradna.name = "Poradna pro dlužníky"
    poradna.save()
    _, text = pdf_text(client.get(catalog.url + "pdf/").content)
    assert "Poradna pro dlužníky" in text


def test_admin_pdf(client, services, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/katalog/pdf/")
    assert response.status_code == 200
    assert "Domov pro seniory" in pdf_text(response.content)[1]


def _validator(name):
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (
            path.name,
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in (HSDS / "schema").glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((HSDS / "schema" / name).read_text())
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.FormatChecker()
    )


@pytest.fixture
def hsds_schema():
    if not (HSDS / "schema").is_dir():
        pytest.skip(f"HSDS schemas not found in {HSDS} (the shared reference data folder)")
    return _validator("service.json")


def test_hsds_json_validates_against_schema(client, catalog, services, hsds_schema):
    response = client.get("/otevrena-data/katalog/hsds.json")
    data = response.json()
    assert data["total_items"] == 2 and len(data["contents"]) == 2
    for service in data["contents"]:
        errors = sorted(hsds_schema.iter_errors(service), key=str)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    domov = next(s for s in data["contents"] if s["name"].startswith("Domov"))
    assert domov["organization"]["tax_id"] == "00064581"
    terms = {(a["link_type"], a["taxonomy_term"]["name"]) for a in domov["attributes"]}
    assert ("service_type", "Domovy pro seniory") in terms
    assert ("target_group", "Senioři") in terms
    assert ("tag", "bezbariérový přístup") in terms
    assert domov["service_at_locations"][0]["location"]["addresses"][0]["country"] == "CZ"


def test_hsds_tabular_package(client, catalog, services):
    if not HSDS.is_dir():
        pytest.skip(f"HSDS reference data not found in {HSDS}")
    spec = json.loads((HSDS / "datapackage.json").read_text())
    spec_fields = {r["path"]: {f["name"] for f in r["schema"]["fields"]} for r in spec["resources"]}
    archive = zipfile.ZipFile(io.BytesIO(client.get("/otevrena-data/katalog/hsds.zip").content))
    package = json.loads(archive.read("datapackage.json"))
    for resource in package["resources"]:
        rows = list(csv.DictReader(io.StringIO(archive.read(resource["path"]).decode())))
        columns = [f["name"] for f in resource["schema"]["fields"]]
        assert set(columns) <= spec_fields[resource["path"]], resource["path"]
        assert all(list(row) == columns for row in rows)
    services_csv = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode())))
    assert sorted(row["name"] for row in services_csv) == [
        "Domov pro seniory Žluťoučký kůň",
        "Občanská poradna Ďáblice",
    ]
    orgs = {
        row["id"] for row in csv.DictReader(io.StringIO(archive.read("organizations.csv").decode()))
    }
    assert all(row["organization_id"] in orgs for row in services_csv)


def test_simple_csv_and_command(client, catalog, services, tmp_path):
    body = client.get("/otevrena-data/katalog/sluzby.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {row["nazev"] for row in rows} == {
        "Domov pro seniory Žluťoučký kůň",
        "Občanská poradna Ďáblice",
    }
    assert next(r for r in rows if r["identifikator"] == "1234567")["ico"] == "00064581"
    call_command("export_catalog", str(tmp_path))
    assert json.loads((tmp_path / "katalog-hsds.json").read_text())["total_items"] == 2
    assert zipfile.is_zipfile(tmp_path / "katalog-hsds.zip")
    assert "Ďáblice" in (tmp_path / "katalog-sluzeb.csv").read_text("utf-8")
    page = client.get(catalog.url + "otevrena-data/").content.decode()
    assert "/otevrena-data/katalog/hsds.json" in page and "/otevrena-data/katalog/hsds.zip" in page
