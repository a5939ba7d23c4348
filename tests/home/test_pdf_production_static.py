"""Every PDF keeps its styling under production static files: collectstatic with the
production storage (WhiteNoise's compressed manifest, hashed names) into a fresh
STATIC_ROOT, then each PDF the site produces is rendered and checked for the stylesheet's
effect (font, page size, page numbers) and for the absence of WeasyPrint's load errors."""

import io
import logging

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.templatetags.static import static
from django.test.utils import override_settings
from pypdf import PdfReader

from kpss_pages.core.pdf import render_pdf

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=root, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


@pytest.fixture
def production_static(collected, caplog):
    cache.clear()  # PDFs cached by other tests were rendered with development storage
    caplog.set_level(logging.WARNING, logger="weasyprint")
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=collected):
        # The template tag really produces a hashed name that only exists after collectstatic.
        assert static("kpss/css/pdf.css") != "/static/kpss/css/pdf.css"
        yield caplog
    cache.clear()


def fonts(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return reader, names


def assert_styled(pdf, caplog):
    reader, names = fonts(pdf)
    # pdf.css: "DejaVu Sans" (WeasyPrint's default without it is a serif face) …
    assert any("DejaVu-Sans" in name for name in names), names
    assert not any("Serif" in name for name in names), names
    # … A4 with the page number at the bottom of the second page (@page rules).
    width, height = (round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (595, 842)
    if len(reader.pages) > 1:
        assert reader.pages[1].extract_text().strip().endswith("2")
    messages = [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "Failed to load" in m or "fetch" in m.lower()], messages


def test_base_pdf_is_styled_with_hashed_static_names(db, production_static):
    pdf = render_pdf("tests/pdf_sample.html", {"text": "Příliš žluťoučký kůň"})
    assert_styled(pdf, production_static)


@pytest.mark.parametrize("which", ["catalogue", "plan", "report", "rules"])
def test_every_pdf_is_styled_under_production_static_storage(
    client, demo, production_static, which
):
    from catalog.models import CatalogPage
    from kpss_pages.plan.models import MeasureStatus, PlanPage

    if which == "catalogue":
        pdf = client.get(CatalogPage.objects.live().first().url + "pdf/").content
    elif which == "plan":
        pdf = client.get(PlanPage.objects.live().first().url + "pdf/").content
    elif which == "report":
        status = MeasureStatus.objects.select_related("measure__priority__plan").first()
        plan = status.measure.priority.plan
        pdf = client.get(f"{plan.url}zprava/{status.year}/pdf/").content
    else:
        # The demo's rules document is rendered with the same machinery.
        from home.demo.site import RULES_INTRO, RULES_SECTIONS

        context = {"title": "Jednací řád", "intro": RULES_INTRO, "sections": RULES_SECTIONS}
        pdf = render_pdf("home/pdf/rules.html", context)
    assert pdf.startswith(b"%PDF")
    assert_styled(pdf, production_static)
