"""Web addresses of providers and services are http(s) only — in the admin, in the
database (old values cleared by a migration), on the service page and in open data."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog import hsds
from catalog.models import CatalogPage, Provider, Service
from kpss_pages.core.safe_values import is_web_url, validate_link_url, validate_web_url
from tests.catalog.builders import make_provider, make_service
from tests.factories import add_page

pytestmark = pytest.mark.django_db

UNSAFE = [
    "javascript:alert(document.domain)//",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "//evil.example/x",
    "http://exa mple.org",
    "https://example.org/\x00",
]


@pytest.mark.parametrize("value", UNSAFE)
def test_unsafe_addresses_are_refused(value):
    assert not is_web_url(value)
    with pytest.raises(ValidationError):
        validate_web_url(value)


@pytest.mark.parametrize("value", ["https://www.charita.example/domov", "http://x.example"])
def test_web_addresses_pass(value):
    assert is_web_url(value)
    validate_web_url(value)


def test_link_fields_also_take_mailto_and_tel():
    validate_link_url("mailto:kpss@mesto.example")
    validate_link_url("tel:+420555000111")
    with pytest.raises(ValidationError):
        validate_link_url("javascript:alert(1)")


def test_admin_refuses_a_javascript_web_address_in_czech(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("catalog_provider_modeladmin_create"),
        {"name": "Charita", "web": "javascript:alert(document.domain)//"},
        HTTP_ACCEPT_LANGUAGE="cs",
    )
    assert response.status_code == 200
    assert not Provider.objects.filter(name="Charita").exists()
    html = response.content.decode()
    # Django's own URL check refuses it first (Czech), ours backs it up for ftp: etc.
    assert "Zadejte platnou adresu URL" in html or "začínající http://" in html
    ftp = client.post(
        reverse("catalog_provider_modeladmin_create"),
        {"name": "Charita", "web": "ftp://charita.example/"},
        HTTP_ACCEPT_LANGUAGE="cs",
    )
    assert "Zadejte webovou adresu začínající http:// nebo https://." in ftp.content.decode()


def test_service_page_and_open_data_never_carry_an_unsafe_link(client, home):
    service = make_service()
    Service.objects.filter(pk=service.pk).update(web="javascript:alert(document.domain)//")
    Provider.objects.filter(pk=service.provider_id).update(web="data:text/html,x")
    page = add_page(home, CatalogPage, title="Katalog služeb", slug="katalog")
    html = client.get(page.service_url(service), follow=True).content.decode()
    assert "javascript:" not in html and "data:text" not in html
    assert "javascript:" not in str(hsds.hsds_json())


def test_migration_clears_unsafe_addresses_stored_earlier():
    service = make_service()
    provider = make_provider()
    Service.objects.filter(pk=service.pk).update(web="javascript:alert(1)")
    Provider.objects.filter(pk=provider.pk).update(web="https://ok.example")
    migration = importlib.import_module("catalog.migrations.0011_web_http_only")
    migration.clear_unsafe_web_addresses(apps, None)
    assert Service.objects.get(pk=service.pk).web == ""
    assert Provider.objects.get(pk=provider.pk).web == "https://ok.example"
