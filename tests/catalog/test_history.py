"""A provider editor sees in Historie webu only their own providers' entries, and no list
of other users; catalogue staff see everything."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from catalog.models import CatalogLogEntry
from tests.catalog.builders import make_provider, make_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HISTORY = "wagtailadmin_reports:site_history"


def _editor(username, provider):
    user = UserFactory(username=username, first_name="", last_name="")
    user.groups.add(Group.objects.get(name="Editoři poskytovatelů"))
    provider.editors.add(user)
    return user


@pytest.fixture
def history():
    own = make_provider("Charita Ostrov")
    other = make_provider("Diakonie Lipník")
    charita = _editor("charita", own)
    diakonie = _editor("diakonie-editorka", other)
    staff = UserFactory(username="urednice-katalogu", first_name="", last_name="")
    staff.groups.add(Group.objects.get(name="Správci katalogu"))
    own_service = make_service("Pečovatelská služba Charity", own)
    other_service = make_service("Domov Diakonie", other)
    log(instance=own_service, action="wagtail.edit", user=charita)
    log(instance=own, action="wagtail.edit", user=charita)
    log(instance=other_service, action="wagtail.edit", user=diakonie)
    log(instance=other, action="wagtail.edit", user=diakonie)
    log(instance=own_service, action="catalog.verified", user=staff)
    return charita, diakonie, staff


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse(HISTORY), params)
    assert response.status_code == 200
    return response


def test_catalogue_history_has_its_own_table():
    assert CatalogLogEntry._meta.db_table != ModelLogEntry._meta.db_table


def test_provider_editor_sees_only_own_providers_entries(client, history):
    charita, _diakonie, _staff = history
    html = _page(client, charita).content.decode()
    assert "Pečovatelská služba Charity" in html and "Charita Ostrov" in html
    assert "Domov Diakonie" not in html and "Diakonie Lipník" not in html
    users = [
        o.get_text(strip=True)
        for o in BeautifulSoup(html, "html.parser").select("select[name=user] option")
    ]
    assert "diakonie-editorka" not in users
    assert "diakonie-editorka" not in html
    export = client.get(reverse(HISTORY), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Pečovatelská služba Charity" in body
    assert "Domov Diakonie" not in body and "diakonie-editorka" not in body


def test_provider_editor_cannot_list_users(client, history):
    charita, _diakonie, _staff = history
    client.force_login(charita)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code in (302, 403)
    assert "diakonie-editorka" not in response.content.decode()


def test_catalogue_staff_see_every_providers_entries(client, history):
    _charita, _diakonie, staff = history
    html = _page(client, staff).content.decode()
    assert "Domov Diakonie" in html and "Pečovatelská služba Charity" in html


def test_an_objects_own_history_still_works(client, history):
    from catalog.models import Service

    service = Service.objects.get(name="Pečovatelská služba Charity")
    entries = CatalogLogEntry.objects.for_instance(service)
    assert sorted(e.action for e in entries) == ["catalog.verified", "wagtail.edit"]


def test_provider_editor_edits_own_provider_without_the_list_of_users(client, history):
    from catalog.models import Provider

    charita, _diakonie, staff = history
    provider = Provider.objects.get(name="Charita Ostrov")
    url = reverse("catalog_provider_modeladmin_edit", args=[provider.pk])
    client.force_login(charita)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="editors"' not in html
    assert "diakonie-editorka" not in html and "urednice-katalogu" not in html
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "logo"}
    data["name"] = "Charita Ostrov, z. ú."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    provider.refresh_from_db()
    assert provider.name == "Charita Ostrov, z. ú."
    assert list(provider.editors.all()) == [charita]  # kept, not emptied
    client.force_login(staff)
    assert 'name="editors"' in client.get(url).content.decode()


def test_provider_editor_chooses_verified_by_only_among_known_people(client, history):
    from catalog.models import Service

    charita, _diakonie, staff = history
    own = Service.objects.get(name="Pečovatelská služba Charity").provider
    service = make_service("Odlehčovací služba Charity", own)
    service = Service.objects.get(pk=service.pk)
    assert service.provider.name == "Charita Ostrov"
    url = reverse("catalog_service_modeladmin_edit", args=[service.pk])
    client.force_login(charita)
    html = client.get(url).content.decode()
    assert "diakonie-editorka" not in html and "urednice-katalogu" not in html
    service.verified_by = staff
    service.save()
    html = client.get(url).content.decode()
    assert "urednice-katalogu" in html  # who verified it, as its history says
    assert "diakonie-editorka" not in html
    client.force_login(staff)
    assert "diakonie-editorka" in client.get(url).content.decode()
