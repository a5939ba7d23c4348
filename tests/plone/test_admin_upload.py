"""Staff upload an export in the admin (a zip of the demo or a JSON file); the worker
imports it and the import page shows the report."""

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from kpss_pages.plone.models import PloneImport
from tests.factories import UserFactory

from .conftest import DEMO, demo_items

URL = "/admin/import-plone/"


def demo_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in DEMO.rglob("*"):
            if path.is_file():
                archive.write(path, f"export/{path.relative_to(DEMO)}")
    return buffer.getvalue()


def test_superuser_uploads_a_zip_and_sees_the_report(home, client):
    assert reverse("kpss_plone_admin:import") == URL
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    assert client.get(URL).status_code == 200
    upload = SimpleUploadedFile("lhotka.zip", demo_zip(), content_type="application/zip")
    response = client.post(URL, {"export": upload, "parent": home.pk}, follow=True)
    assert response.status_code == 200
    record = PloneImport.objects.get()
    assert record.state == PloneImport.State.DONE, record.summary
    assert Page.objects.get(slug="komunitni-planovani").get_parent().pk == home.pk
    html = response.content.decode()
    assert "Vytvořeno: 13" in html
    assert "/komunitni-planovani/anketa" in html and "přeskočeno" in html


def test_dry_run_of_a_json_file_and_a_broken_file(home, client):
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    data = json.dumps(demo_items()).encode()
    upload = SimpleUploadedFile("Plone.json", data, content_type="application/json")
    client.post(URL, {"export": upload, "parent": home.pk, "dry_run": "on"})
    record = PloneImport.objects.get()
    assert record.state == PloneImport.State.DONE and record.dry_run
    assert "Zkušební běh" in record.summary
    assert not Page.objects.filter(slug="komunitni-planovani").exists()
    broken = SimpleUploadedFile("Plone.json", data[:1000], content_type="application/json")
    client.post(URL, {"export": broken, "parent": home.pk})
    record = PloneImport.objects.first()
    assert record.state == PloneImport.State.FAILED
    assert "Databáze nebyla změněna." in record.summary


def test_only_superusers(home, client):
    editor = UserFactory(username="redaktorka", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(URL).status_code in (302, 403)
    assert not PloneImport.objects.exists()


def test_a_running_import_shows_its_progress_from_the_shared_cache(home, client, monkeypatch):
    from kpss_pages.core.page_cache import generation

    monkeypatch.setattr(generation, "cache_is_shared", lambda: True)
    user = UserFactory(username="spravce", is_superuser=True, is_staff=True)
    client.force_login(user)
    record = PloneImport.objects.create(
        parent=home, user=user, file_name="lhotka.zip", state=PloneImport.State.RUNNING
    )
    record.set_progress(120, 560)
    html = client.get(URL).content.decode()
    assert "Zpracováno položek: 120 (celkem 560)." in html
    PloneImport.objects.filter(pk=record.pk).update(state=PloneImport.State.DONE)
    assert "Zpracováno položek" not in client.get(URL).content.decode()
