import pytest

from catalog.models import CatalogPage, Provider, Service
from catalog.models.validators import ico_is_valid

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_complete(client, demo):
    assert Service.objects.count() >= 40
    assert Service.objects.values("service_type").distinct().count() >= 15
    assert Provider.objects.count() >= 4
    assert all(ico_is_valid(p.ico) for p in Provider.objects.all())
    assert Service.objects.filter(tags__name="bezbariérový přístup").exists()
    assert Service.objects.filter(register_id="").exists()  # related services too
    page = CatalogPage.objects.get(slug="katalog-sluzeb")
    assert page.show_in_menus and page.live
    html = client.get(page.url, {"q": "seniori"}).content.decode()
    assert "Domov pro seniory Ostrov" in html
    assert 'href="/katalog-sluzeb/"' in client.get("/").content.decode()
