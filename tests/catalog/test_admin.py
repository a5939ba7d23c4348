import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from catalog.models import CatalogLogEntry, Service, ServiceType
from tests.catalog.builders import make_provider, make_service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(username="urednice")
    user.groups.add(Group.objects.get(name="Správci katalogu"))
    return user


@pytest.fixture
def editor_setup():
    own = make_provider("Charita Ostrov")
    other = make_provider("Diakonie Lipník")
    user = UserFactory(username="charita")
    user.groups.add(Group.objects.get(name="Editoři poskytovatelů"))
    own.editors.add(user)
    return (
        user,
        make_service("Pečovatelská služba Charity", own),
        make_service("Domov Diakonie", other),
    )


def url(action, *args):
    return reverse(f"catalog_service_modeladmin_{action}", args=args)


def service_form(service_type, provider, **overrides):
    data = {
        "provider": provider.pk,
        "name": "Raná péče Ostrov",
        "register_id": "1234567",
        "service_type": service_type.pk,
        "description": "Podpora rodin.",
        "tags": "zdarma, terénní",
        "contacts": inline_formset([{"role": "sociální pracovnice", "phone": "+420 555 000 101"}]),
        "places": inline_formset([{"name": "Středisko", "street": "Nádražní 5", "city": "Ostrov"}]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_staff_sees_all_and_exports_csv(client, staff, editor_setup):
    client.force_login(staff)
    response = client.get(url("index"))
    assert response.status_code == 200
    assert "Domov Diakonie" in response.content.decode()
    assert "Pečovatelská služba Charity" in response.content.decode()
    export = client.get(url("index"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Domov Diakonie" in body and "Charita Ostrov" in body


def test_staff_filters_stale_and_tag(client, staff):
    client.force_login(staff)
    make_service("Stará služba", last_verified=datetime.date(2020, 1, 1))
    make_service("Čerstvá služba", last_verified=timezone.localdate(), tags=["nonstop"])
    stale = client.get(url("index"), {"stale": "1"}).content.decode()
    assert "Stará služba" in stale and "Čerstvá služba" not in stale
    tagged = client.get(url("index"), {"tag": "nonstop"}).content.decode()
    assert "Čerstvá služba" in tagged and "Stará služba" not in tagged


def test_provider_editor_sees_only_own_services(client, editor_setup):
    user, own, other = editor_setup
    client.force_login(user)
    listing = client.get(url("index")).content.decode()
    assert own.name in listing and other.name not in listing
    export = b"".join(client.get(url("index"), {"export": "csv"}).streaming_content).decode()
    assert other.name not in export
    for action in ("edit", "inspect", "delete"):
        assert client.get(url(action, other.pk)).status_code == 404, action
        assert client.get(url(action, own.pk)).status_code == 200, action
    response = client.post(url("delete", other.pk))
    assert response.status_code == 404
    assert Service.objects.filter(pk=other.pk).exists()


def test_provider_editor_cannot_move_service_to_foreign_provider(client, editor_setup):
    user, own, other = editor_setup
    client.force_login(user)
    service_type = ServiceType.objects.get(code="DruhSocialniSluzby/4")
    response = client.post(url("create"), service_form(service_type, other.provider))
    assert response.status_code == 200  # form redisplayed with an error
    assert not Service.objects.filter(name="Raná péče Ostrov").exists()
    response = client.post(url("create"), service_form(service_type, own.provider))
    assert response.status_code == 302
    created = Service.objects.get(name="Raná péče Ostrov")
    assert created.provider == own.provider
    assert sorted(t.name for t in created.tags.all()) == ["terénní", "zdarma"]
    assert created.places.get().street == "Nádražní 5"


def test_create_edit_delete_are_logged(client, staff):
    client.force_login(staff)
    provider = make_provider()
    service_type = ServiceType.objects.get(code="DruhSocialniSluzby/4")
    assert client.post(url("create"), service_form(service_type, provider)).status_code == 302
    service = Service.objects.get(name="Raná péče Ostrov")
    data = service_form(service_type, provider, name="Raná péče Ostrov a okolí")
    assert client.post(url("edit", service.pk), data).status_code == 302
    assert client.post(url("delete", service.pk)).status_code == 302
    actions = list(
        CatalogLogEntry.objects.filter(object_id=str(service.pk))
        .order_by("timestamp")
        .values_list("action", "user__username")
    )
    assert actions == [
        ("wagtail.create", "urednice"),
        ("wagtail.edit", "urednice"),
        ("wagtail.delete", "urednice"),
    ]


def test_invalid_input_shows_czech_errors(client, staff):
    client.force_login(staff)
    provider = make_provider()
    service_type = ServiceType.objects.get(code="DruhSocialniSluzby/4")
    data = service_form(
        service_type,
        provider,
        register_id="12",
        capacity="-5",
        valid_from="2025-05-01",
        valid_to="2025-04-01",
    )
    response = client.post(url("create"), data, HTTP_ACCEPT_LANGUAGE="cs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "přesně 7 číslic" in html
    assert "nemůže být záporná" in html
    assert "nemůže být dřívější" in html
    assert not Service.objects.exists()
    bad_ico = client.post(
        reverse("catalog_provider_modeladmin_create"), {"name": "X", "ico": "25596642"}
    )
    assert "kontrolní číslice" in bad_ico.content.decode()


def test_verification_list_and_one_click(client, editor_setup):
    user, own, other = editor_setup
    client.force_login(user)
    page = client.get(
        reverse("catalog_admin:verification"), HTTP_ACCEPT_LANGUAGE="cs"
    ).content.decode()
    assert own.name in page and other.name not in page
    # The button names the action it performs, not a state.
    assert "Označit jako dnes ověřené" in page
    assert f'href="{url("edit", own.pk)}"' in page
    assert client.post(reverse("catalog_admin:mark_verified", args=[other.pk])).status_code == 404
    response = client.post(reverse("catalog_admin:mark_verified", args=[own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.last_verified == timezone.localdate() and own.verified_by == user
    assert CatalogLogEntry.objects.filter(action="catalog.verified", object_id=str(own.pk)).exists()
    page = client.get(reverse("catalog_admin:verification")).content.decode()
    assert f'href="{url("edit", own.pk)}"' not in page
    assert client.get(reverse("catalog_admin:mark_verified", args=[own.pk])).status_code == 405


def test_admin_menu_and_pages_render(client, staff, editor_setup):
    client.force_login(staff)
    home = client.get("/admin/").content.decode()
    for path in ("/admin/katalog/overeni/", "/admin/katalog/import/"):
        assert path in home
    user = editor_setup[0]
    client.force_login(user)
    home = client.get("/admin/").content.decode()
    assert "/admin/katalog/overeni/" in home and "/admin/katalog/import/" not in home
