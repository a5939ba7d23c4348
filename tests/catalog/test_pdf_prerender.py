"""The whole catalogue's PDF is rendered by the worker after a change, ahead of demand."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks import default_task_backend
from pypdf import PdfReader

import kpss_pages.core.pdf
from catalog.importer import import_register
from catalog.models import CatalogPage
from catalog.pdf import catalogue_pdf
from catalog.pdf_prerender import PENDING_KEY
from tests.catalog.builders import make_service, municipality
from tests.catalog.register_files import service_item, write
from tests.factories import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(home):
    return add_page(home, CatalogPage, title="Katalog služeb Vlčiny", slug="katalog")


@pytest.fixture
def prerender(settings):
    settings.CATALOG_PDF_PRERENDER = True
    cache.clear()


@pytest.fixture
def deferred_tasks(settings):
    """A backend that records tasks instead of running them, and supports a later start."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def renders_queued(backend):
    return [r for r in backend.results if r.task.name == "render_catalogue_pdf"]


def no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the PDF was rendered during the request")

    monkeypatch.setattr(kpss_pages.core.pdf, "render_pdf", refuse)


def text_of(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_saved_service_is_in_the_cached_pdf_before_anyone_asks(
    client, admin_user, catalog, prerender, django_capture_on_commit_callbacks, monkeypatch
):
    service = make_service("Domov Na Stráni")
    with django_capture_on_commit_callbacks(execute=True):
        service.name = "Domov Pod Lipami"
        service.save()
    no_rendering(monkeypatch)
    public = client.get(catalog.url + "pdf/")
    assert public.status_code == 200
    text = text_of(public.content)
    assert "Domov Pod Lipami" in text and "Domov Na Stráni" not in text
    assert "Katalog služeb Vlčiny" in text  # the page's title on the cover
    # the admin's download is the same document, from the same cache entry
    client.force_login(admin_user)
    assert client.get("/admin/katalog/pdf/").content == public.content


def test_edits_in_a_row_queue_one_delayed_render(
    catalog, prerender, deferred_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_service("Denní stacionář Slunce")
    with django_capture_on_commit_callbacks(execute=True):
        first.name = "Denní stacionář Slunečnice"
        first.save()
        make_service("Odlehčovací služba Vlčina")
    assert len(renders_queued(deferred_tasks)) == 1
    queued = renders_queued(deferred_tasks)[0]
    assert queued.task.run_after is not None  # after the edits, not in the middle of them
    # once the worker starts it, the next change queues a new render
    queued.task.call()
    with django_capture_on_commit_callbacks(execute=True):
        first.save()
    assert len(renders_queued(deferred_tasks)) == 2


def test_a_rolled_back_change_queues_nothing(
    catalog, prerender, deferred_tasks, django_capture_on_commit_callbacks, tmp_path
):
    town = municipality()
    path = write(tmp_path, [service_item("7000001", obec=town.code)])
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as fileobj:
        report = import_register(fileobj, {town.code}, dry_run=True)
    assert len(report.new) == 1
    assert renders_queued(deferred_tasks) == []
    assert cache.get(PENDING_KEY) is None


def test_switched_off_nothing_is_queued(
    catalog, deferred_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_service("Terénní program Vlčina")
    assert renders_queued(deferred_tasks) == []


def test_command_renders_every_catalogue_title(home, catalog, prerender, monkeypatch, capsys):
    add_page(home, CatalogPage, title="Průvodce službami", slug="pruvodce")
    make_service("Sociální rehabilitace Krok")
    call_command("render_catalogue_pdf")
    out = capsys.readouterr().out
    assert "Katalog služeb Vlčiny" in out and "Průvodce službami" in out
    no_rendering(monkeypatch)
    for title in ("Katalog služeb Vlčiny", "Průvodce službami"):
        assert title in text_of(catalogue_pdf(None, None, title))
