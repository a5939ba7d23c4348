"""A catalogue service points to its video in Czech sign language: a page of the site
(shown while live) or an address elsewhere (a plain link, no embedded player)."""

import pytest
from bs4 import BeautifulSoup

from catalog.models import Service


def _link(client, service, page):
    html = BeautifulSoup(client.get(page.service_url(service)).content, "html.parser")
    return html.select_one("main .catalog-sign-language")


@pytest.mark.usefixtures("demo")
def test_demo_service_in_sign_language_links_to_the_video_section(client):
    from catalog.models import CatalogPage

    catalogue = CatalogPage.objects.live().first()
    service = Service.objects.filter(tags__name="znakový jazyk").first()
    assert service.sign_language_page is not None
    link = _link(client, service, catalogue)
    assert link.a["href"] == "/znakova-rec/"
    assert link.a.get_text() == "Informace o službě v českém znakovém jazyce"
    assert not link.a.has_attr("rel")

    # Unpublished section: the service falls back to its external video, marked as such.
    service.sign_language_page.unpublish()
    service.sign_language_url = "https://video.example/sluzba"
    service.save()
    link = _link(client, service, catalogue)
    assert link.a["href"] == "https://video.example/sluzba" and link.a["rel"] == ["external"]
    assert "(na jiném webu)" in link.get_text()
    assert not BeautifulSoup(
        client.get(catalogue.service_url(service)).content, "html.parser"
    ).select("main iframe")

    service.sign_language_url = ""
    service.save()
    assert _link(client, service, catalogue) is None


@pytest.mark.usefixtures("demo")
def test_service_without_a_sign_language_video_shows_no_link(client):
    from catalog.models import CatalogPage

    catalogue = CatalogPage.objects.live().first()
    service = Service.objects.filter(sign_language_page__isnull=True).first()
    assert _link(client, service, catalogue) is None
