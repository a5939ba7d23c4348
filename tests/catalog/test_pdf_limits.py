"""Anonymous visitors cannot make the server render PDFs without bound, nor fill the cache
with keys made of parameters the catalogue does not know."""

import re

import pytest
from django.core.cache import cache

from catalog.models import CatalogPage
from tests.catalog.builders import make_service, municipality
from tests.factories import UserFactory, add_page

pytestmark = pytest.mark.django_db

SLOT = "kpss:pdf-render:slot:0"


@pytest.fixture
def catalog(home):
    ostrov = municipality()
    for number in range(3):
        make_service(f"Služba {number}", municipalities=[ostrov])
    return add_page(home, CatalogPage, title="Katalog služeb", slug="katalog-sluzeb", per_page=5)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def pdf_url(catalog, query=""):
    return catalog.url + "pdf/" + query


def test_a_render_while_every_slot_is_taken_answers_503_in_czech(client, catalog):
    cache.add(SLOT, 1, 60)
    response = client.get(pdf_url(catalog, "?obec=ostrov"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "<h1>PDF se připravuje</h1>" in text
    assert "Zkuste to prosím znovu za 10 sekund." in text


def test_the_slot_is_free_again_after_a_render(client, catalog):
    response = client.get(pdf_url(catalog, "?obec=ostrov"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert cache.get(SLOT) is None


def test_one_client_renders_one_pdf_at_a_time(client, catalog, settings):
    settings.KPSS_PDF_RENDER_SLOTS = 4
    cache.add("kpss:pdf-render:client:127.0.0.1", 1, 60)
    assert client.get(pdf_url(catalog, "?obec=ostrov")).status_code == 503
    other = client.get(pdf_url(catalog, "?obec=ostrov"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_a_cached_pdf_is_served_even_when_slots_are_busy(client, catalog):
    assert client.get(pdf_url(catalog)).status_code == 200
    cache.add(SLOT, 1, 60)
    response = client.get(pdf_url(catalog))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_staff_are_not_limited(client, catalog):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    cache.add(SLOT, 1, 60)
    assert client.get(pdf_url(catalog, "?obec=ostrov")).status_code == 200


def cache_keys():
    return {key for key in cache._cache if "catalog-results" in key or "catalog:facets" in key}


def test_unknown_parameters_do_not_create_cache_entries(client, catalog):
    assert client.get(catalog.url).status_code == 200
    first = cache_keys()
    assert len(first) == 2  # the list and its facets
    for junk in ("?utm_source=x", "?a=1&b=2", "?obec=neexistuje", "?page=abc", "?x=" + "y" * 500):
        assert client.get(catalog.url + junk).status_code == 200
    assert cache_keys() == first


def test_links_of_the_cached_list_carry_only_known_parameters(client, catalog):
    response = client.get(catalog.url + "?obec=ostrov&evil=1&razeni=nazev")
    text = response.content.decode()
    assert "evil" not in text
    pdf_link = re.search(r'href="([^"]*/pdf/[^"]*)"', text).group(1)
    assert pdf_link.endswith("/pdf/?obec=ostrov")
