"""Broken exports stop with a Czech message and write nothing; broken items are reported
and skipped, never fatal."""

import base64
import json

import pytest
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.models import Page

from kpss_pages.plone.models import PloneItem

from .conftest import demo_items, run


def item(uid, portal_type, path, **fields):
    return {
        "@id": f"https://mesto.example{path}",
        "@type": portal_type,
        "UID": uid,
        "id": path.rsplit("/", 1)[-1],
        "title": fields.pop("title", path),
        "parent": {"@id": "https://mesto.example", "@type": "Plone Site"},
        "review_state": "published",
        "modified": "2024-01-01T00:00:00+00:00",
        **fields,
    }


@pytest.mark.parametrize(
    "content, message",
    [
        (lambda text: text[: len(text) // 2], "není platný JSON"),
        (lambda text: '{"items": []}', "musí to být seznam položek ve formátu JSON"),
        (lambda text: "", "není platný JSON"),
        (lambda text: "[" * 100 + "]" * 100, "vnořený do více než"),
    ],
)
def test_broken_file_stops_and_writes_nothing(home, tmp_path, content, message):
    pages = Page.objects.count()
    path = tmp_path / "Plone.json"
    path.write_text(content(json.dumps(demo_items())))
    with pytest.raises(CommandError, match=message) as error:
        run(path)
    assert "Databáze nebyla změněna." in str(error.value)
    assert Page.objects.count() == pages and not PloneItem.objects.exists()


def test_not_an_export(home, tmp_path):
    with pytest.raises(CommandError, match="není export z Plone"):
        run(tmp_path)
    with pytest.raises(CommandError, match="neexistuje"):
        run(tmp_path / "nic.json")


def test_broken_items_are_reported_and_skipped(home, tmp_path):
    pdf = base64.b64encode(b"%PDF-1.4 test").decode()
    items = [
        item(
            "a" * 32,
            "File",
            "/spatny.pdf",
            file={"data": "###není base64###", "encoding": "base64", "filename": "s.pdf"},
        ),
        item("b" * 32, "File", "/chybi.pdf", file={"download": "https://mesto.example/x"}),
        item(
            "c" * 32,
            "Image",
            "/obrazek.png",
            image={"data": pdf, "encoding": "base64", "filename": "o.png"},
        ),
        item("d" * 32, "PloneGazette", "/zpravodaj"),
        item(
            "e" * 32,
            "Document",
            "/skript",
            text={
                "data": '<p onclick="x()">Text<script>document.cookie</script>'
                '<a href="javascript:alert(1)">odkaz</a></p>'
            },
        ),
        item("f" * 32, "Document", "/rozbity", text=42),
        item(
            "1" * 32,
            "File",
            "/dobry.pdf",
            file={"data": pdf, "encoding": "base64", "filename": "dobry.pdf"},
        ),
        "not an item",
        {"unexported_paths": ["/Plone/x"]},
    ]
    path = tmp_path / "Plone.json"
    path.write_text(json.dumps(items))
    out = run(path, "--report", tmp_path / "r.json")
    rows = {r["old_path"]: r for r in json.loads((tmp_path / "r.json").read_text())["items"]}
    assert rows["/spatny.pdf"]["action"] == "skipped"
    assert "base64" in rows["/spatny.pdf"]["reason"]
    assert rows["/chybi.pdf"]["action"] == "skipped"
    assert rows["/obrazek.png"]["action"] == "skipped"
    assert rows["/zpravodaj"]["action"] == "skipped"
    assert "PloneGazette" in rows["/zpravodaj"]["reason"]
    assert rows["/rozbity"]["action"] == "skipped"
    assert rows["/skript"]["action"] == "created"
    assert rows["/dobry.pdf"]["action"] == "created"
    page = Page.objects.get(slug="skript").specific
    html = page.body.raw_data[0]["value"]
    assert html == "<p>Textodkaz</p>"
    assert get_document_model().objects.count() == 1
    assert "přeskočeno" in out


def test_news_folder_with_subjects_and_links_unchanged_on_second_run(home, tmp_path):
    """A news folder (with subjects, like any Plone item) becomes the news index; a second
    run reports the link's redirect as unchanged."""
    folder = item("2" * 32, "Folder", "/zpravy", subjects=["obec"])
    news = item("3" * 32, "News Item", "/zpravy/prvni", description="Perex.")
    news["parent"] = {"@id": "https://mesto.example/zpravy", "@type": "Folder", "UID": "2" * 32}
    link = item("4" * 32, "Link", "/odkaz", remoteUrl="https://www.mpsv.cz/")
    path = tmp_path / "Plone.json"
    path.write_text(json.dumps([folder, news, link]))
    run(path)
    index = Page.objects.get(slug="zpravy").specific
    assert type(index).__name__ == "NewsIndexPage"
    assert Page.objects.get(slug="prvni").get_parent().pk == index.pk
    out = run(path, "--report", tmp_path / "r.json")
    counts = json.loads((tmp_path / "r.json").read_text())["counts"]
    assert counts == {"unchanged": 3}, out
