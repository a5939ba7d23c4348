import io

import pytest
from pypdf import PdfReader

from kpss_pages.core.pdf import cached_pdf, render_pdf


def test_render_pdf_is_tagged_czech_a4_with_diacritics(tmp_path, settings):
    pdf = render_pdf("kpss/pdf/base.html", {})
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "cs"
    assert "/StructTreeRoot" in root
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)


def test_pdf_text_keeps_czech_diacritics():
    pdf = render_pdf("tests/pdf_sample.html", {"text": "Příliš žluťoučký kůň úpěl ďábelské ódy"})
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Příliš žluťoučký kůň úpěl ďábelské ódy" in text


def test_cached_pdf_renders_once_per_key(monkeypatch):
    calls = []

    def factory():
        calls.append(1)
        return {}

    first = cached_pdf(["x", 1], "kpss/pdf/base.html", factory)
    second = cached_pdf(["x", 1], "kpss/pdf/base.html", factory)
    cached_pdf(["x", 2], "kpss/pdf/base.html", factory)
    assert first == second and len(calls) == 2


def test_remote_resources_are_refused():
    from kpss_pages.core.pdf import _local_fetcher

    with pytest.raises(ValueError):
        _local_fetcher().fetch("https://example.org/evil.css")
    assert b"@page" in _local_fetcher().fetch("http://testserver/static/kpss/css/pdf.css").read()


def test_local_files_and_traversal_are_refused(settings, tmp_path):
    from kpss_pages.core.pdf import _local_fetcher

    for url in (
        "file:///etc/passwd",
        "http://testserver/static/../../../../etc/passwd",
        "http://testserver/media/../settings.py",
    ):
        with pytest.raises(ValueError):
            _local_fetcher().fetch(url)


def test_uploaded_images_are_read_from_the_default_storage(settings, tmp_path):
    from kpss_pages.core.pdf import _local_fetcher

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"\x89PNG fake")
    response = _local_fetcher().fetch("https://kpss.example.cz/media/images/a.png")
    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"
