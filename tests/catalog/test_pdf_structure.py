"""The printed catalogue as people and assistive technology read it: what a filtered PDF's
cover says it contains, the indexes as lists, and a table of contents whose entries are
single links without leader dots in their text (read from the PDF's structure tree)."""

import pytest
from taggit.models import Tag

from catalog.models import CatalogPage, TargetGroup
from tests import pdf_structure
from tests.catalog.builders import make_service, municipality
from tests.factories import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(home):
    return add_page(home, CatalogPage, title="Katalog služeb", slug="katalog-sluzeb")


@pytest.fixture
def services():
    kralovice = municipality("kralovice", "Kralovice", "Obec/559351")
    plasy = municipality("plasy", "Plasy", "Obec/559393")
    return [
        make_service(
            "Pečovatelská služba Kralovice",
            type_code="DruhSocialniSluzby/1",
            groups=["seniori"],
            municipalities=[kralovice, plasy],
            tags=["Odlehčovací péče"],
        ),
        make_service("Domov pro seniory Kralovice", groups=["seniori"], municipalities=[kralovice]),
        make_service("Denní stacionář Plasy", groups=["seniori"], municipalities=[plasy]),
    ]


def cover_text(pdf):
    return pdf_structure.read(pdf).reader.pages[0].extract_text()


def test_filtered_cover_names_the_selection_in_words(client, catalog, services):
    tag = Tag.objects.get(name="Odlehčovací péče")
    seniors = TargetGroup.objects.get(slug="seniori")
    response = client.get(
        catalog.url + "pdf/",
        {
            "skupina": "seniori",
            "obec": ["plasy", "kralovice"],
            "stitek": tag.slug,
            "q": "pečovatelská",
        },
    )
    cover = " ".join(cover_text(response.content).split())
    assert (
        f"Výběr: hledaný text „pečovatelská“; cílová skupina {seniors.name}; "
        f"obec Kralovice, Plasy; štítek Odlehčovací péče" in cover
    )
    assert "seniori" not in cover and "kralovice" not in cover

    # one filter: only it is named
    cover = " ".join(
        cover_text(client.get(catalog.url + "pdf/", {"obec": "plasy"}).content).split()
    )
    assert "Výběr: obec Plasy" in cover and "cílová skupina" not in cover


def test_whole_catalogue_cover_names_no_selection(client, catalog, services):
    # unknown values select nothing, so this is the whole catalogue
    response = client.get(catalog.url + "pdf/", {"obec": "neexistuje", "utm_source": "x"})
    assert "Výběr:" not in cover_text(response.content)


def _entries(tagged, heading):
    """{term: [item texts]} of the index under the H2 ``heading``: each H3 and the list
    after it."""
    section = next(h2.parent for h2 in tagged.iter("H2") if h2.text.strip() == heading)
    index, term = {}, None
    for element in section.iter():
        if element.tag == "H3":
            term = element.text.strip()
        elif element.tag == "L" and term is not None:
            items = [" ".join(li.text.split()) for li in element.elements() if li.tag == "LI"]
            index.setdefault(term, []).extend(items)
    return index


def test_indexes_are_lists_with_one_service_per_item(client, catalog, services):
    tagged = pdf_structure.read(client.get(catalog.url + "pdf/").content)
    text = "\n".join(page.extract_text() for page in tagged.reader.pages)
    numbers = {
        name: number
        for number, name in (
            (n, s.name)
            for s in services
            for n in [text.split(s.name)[0].rsplit(None, 1)[-1].rstrip(".")]
        )
    }
    assert sorted(numbers.values()) == ["1", "2", "3"]

    def item(name):
        return f"{name} ({numbers[name]})"

    by_municipality = _entries(tagged, "Rejstřík podle obcí")
    assert {term: sorted(items) for term, items in by_municipality.items()} == {
        "Kralovice": sorted(
            [item("Pečovatelská služba Kralovice"), item("Domov pro seniory Kralovice")]
        ),
        "Plasy": sorted([item("Pečovatelská služba Kralovice"), item("Denní stacionář Plasy")]),
    }
    by_group = _entries(tagged, "Rejstřík podle cílových skupin")
    assert sorted(by_group[TargetGroup.objects.get(slug="seniori").name]) == sorted(
        item(service.name) for service in services
    )
    # each service on its own line of the page
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert item("Denní stacionář Plasy") in lines and item("Domov pro seniory Kralovice") in lines


def test_contents_entries_are_single_links_without_leader_text(client, catalog, services):
    tagged = pdf_structure.read(client.get(catalog.url + "pdf/").content)
    entries = pdf_structure.contents_entries(tagged)
    assert list(entries) == [
        "Odborné sociální poradenství",
        "Domovy pro seniory",
        "Rejstřík podle obcí",
        "Rejstřík podle cílových skupin",
    ]
    assert entries["Odborné sociální poradenství"] == 3
    assert entries["Rejstřík podle obcí"] > entries["Domovy pro seniory"] >= 3
