"""import_plone with the project's Czech demo export (home/demo/plone/lhotka) in all
three layouts: pages, documents, images, rich text, links, states, dates, redirects,
re-runs, dry runs and the report."""

import csv
import json
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from kpss_pages.core.models import SectionPage
from kpss_pages.news.models import ArticlePage, NewsIndexPage
from kpss_pages.plone.importer import import_plone
from kpss_pages.plone.models import PloneItem

from .conftest import DEMO, PUBLIC_URL, run


def page(slug):
    return Page.objects.get(slug=slug).specific


def body_html(p):
    return "".join(b["value"] for b in p.body.raw_data if b["type"] == "rich_text")


def assert_demo_imported(home):
    kp = page("komunitni-planovani")
    assert isinstance(kp, SectionPage) and kp.get_parent().pk == home.pk
    assert kp.live and kp.show_in_menus
    assert kp.lead == "Plánování sociálních služeb ve městě Lhotka nad Vltavou."
    # The folder's default page became its content, not a page of its own
    assert not Page.objects.filter(slug="uvod").exists()
    html = body_html(kp)
    assert "Město Lhotka nad Vltavou plánuje sociální služby" in html
    assert "<h2>Komunitní plánování v Lhotce</h2>" in html  # h1 → h2
    assert "alert" not in html and "script" not in html  # the script and its text are gone
    assert "style" not in html and "class" not in html and "color" not in html
    groups = page("pracovni-skupiny")
    seniors = page("seniori")
    assert f'<a id="{groups.pk}" linktype="page">pracovních skupin</a>' in html  # resolveuid
    assert f'<a id="{seniors.pk}" linktype="page">skupiny pro seniory</a>' in html  # by path
    document = get_document_model().objects.get(title="Plán sociálních služeb 2024–2026")
    assert f'<a id="{document.pk}" linktype="document">' in html  # …/@@download/file
    assert '<a href="https://www.mpsv.cz/">MPSV</a>' in html
    assert "zrušenou stránku" in html and "deadbeef" not in html  # text kept, link dropped
    image = get_image_model().objects.get(title="Logo města Lhotka")
    figures = [b for b in kp.body.raw_data if b["type"] == "image"]
    assert figures[0]["value"]["image"]["image"] == image.pk
    assert figures[0]["value"]["image"]["alt_text"] == "Logo města"
    assert document.file.read().startswith(b"%PDF")
    assert document.created_at.isoformat() == "2023-09-01T06:00:00+00:00"  # Plone's created
    assert (image.width, image.height) == (120, 80)

    # Children in their Plone order (ordering: rodiny-s-detmi 0, seniori 1)
    assert [c.slug for c in groups.get_children()] == ["rodiny-s-detmi", "seniori"]
    assert [c.slug for c in kp.get_children()][:2] == ["pracovni-skupiny", "aktuality"]
    families = page("rodiny-s-detmi")
    assert families.live and not families.show_in_menus  # exclude_from_nav
    volto = page("o-skupine")
    assert f'<a id="{seniors.pk}" linktype="page">senioři</a>' in body_html(volto)
    assert "<h2>Kdo se schází</h2>" in body_html(volto)
    draft = page("zapis-z-jednani")
    assert not draft.live and draft.first_published_at is None  # private → draft

    # The news folder became the news index; news and the event are articles in it
    news = page("aktuality")
    assert isinstance(news, NewsIndexPage)
    article = page("zahajeni-planovani")
    assert isinstance(article, ArticlePage) and article.get_parent().pk == news.pk
    assert article.live and str(article.date) == "2024-03-01"
    assert article.first_published_at.isoformat() == "2024-03-01T08:00:00+00:00"
    # modified (before effective here) → the revision's time; last published not before first
    assert article.latest_revision_created_at.isoformat() == "2024-02-01T09:00:00+00:00"
    assert article.latest_revision.created_at == article.latest_revision_created_at
    assert article.last_published_at == article.first_published_at
    assert article.lead == "Město zahájilo třetí kolo komunitního plánování."
    assert sorted(t.name for t in article.tags.all()) == ["plánování", "senioři"]
    lead_image = article.body.raw_data[0]
    assert lead_image["type"] == "image" and lead_image["value"]["caption"] == "Úvodní setkání"
    event = page("setkani-seniorske-skupiny")
    assert isinstance(event, ArticlePage) and event.get_parent().pk == news.pk
    assert str(event.date) == "2024-04-10"
    assert "Zasedací místnost radnice" in body_html(event)
    # a link to a page created later in the run (the event) still resolves
    assert f'<a id="{event.pk}" linktype="page">setkání</a>' in body_html(article)
    # …in the editor too (the latest revision)
    editing = article.get_latest_revision_as_object()
    assert f'<a id="{event.pk}" linktype="page">setkání</a>' in body_html(editing)
    assert not page("pripravujeme-dotaznik").live

    # Not imported: the collection, the add-on type, the site root; no personal data
    assert not Page.objects.filter(slug__in=["vsechny-aktuality", "anketa"]).exists()
    assert not get_user_model().objects.filter(username="jan.novak").exists()


def assert_redirects(client):
    kp = page("komunitni-planovani")
    document = get_document_model().objects.get()
    checks = {
        "/komunitni-planovani/uvod": kp.url,
        "/komunitni-planovani/uvod/view": kp.url,
        "/komunitni-planovani/view": kp.url,
        "/kp": kp.url,  # the export's own redirect
        "/kpss/plan": document.url,
        "/komunitni-planovani/plan-2024-2026.pdf": document.url,
        "/komunitni-planovani/plan-2024-2026.pdf/@@download/file": document.url,
        "/komunitni-planovani/krajsky-portal": "https://www.kraj.example/socialni-sluzby",
        "/komunitni-planovani/pracovni-skupiny/seniori/setkani-seniorske-skupiny": page(
            "setkani-seniorske-skupiny"
        ).url,
    }
    for old, new in checks.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old
    assert Redirect.objects.filter(
        old_path="/komunitni-planovani/logo-lhotka.png/image_view_fullscreen"
    ).exists()
    # The new address of a folder equals its old one: no redirect (it would loop)
    assert not Redirect.objects.filter(old_path="/komunitni-planovani").exists()
    # Permanent to live pages, files and links; temporary to drafts (404 until published)
    draft = page("zapis-z-jednani")
    assert not draft.live and Redirect.objects.filter(redirect_page=draft).exists()
    for redirect in Redirect.objects.select_related("redirect_page"):
        target = redirect.redirect_page
        assert redirect.is_permanent == (target is None or target.live), redirect.old_path
    assert client.get(kp.url).status_code == 200


def test_plone_exportimport_directory(home, client, tmp_path):
    out = run(DEMO, "--report", tmp_path / "report.csv")
    assert_demo_imported(home)
    assert_redirects(client)
    assert "resolveuid/deadbeefdeadbeefdeadbeefdeadbeef" in out
    rows = list(
        csv.reader((tmp_path / "report.csv").read_text("utf-8-sig").splitlines(), delimiter=";")
    )
    assert rows[0] == ["Původní adresa", "Typ", "Výsledek", "Nová adresa", "Poznámka"]
    skipped = {r[0]: r[4] for r in rows if r[2] == "přeskočeno"}
    assert "Collection" in skipped["/komunitni-planovani/vsechny-aktuality"]
    assert "FormFolder" in skipped["/komunitni-planovani/anketa"]
    assert [
        "/komunitni-planovani/uvod",
        "Document",
        "nenalezený odkaz",
        "",
        "resolveuid/deadbeefdeadbeefdeadbeefdeadbeef",
    ] in rows


def test_collective_exportimport_single_file(home, client, single_file):
    run(single_file, "--old-url", PUBLIC_URL)
    assert_demo_imported(home)
    assert_redirects(client)
    # the old site's absolute address became an internal link with --old-url
    news = page("aktuality")
    assert f'<a id="{news.pk}" linktype="page">aktuality</a>' in body_html(
        page("komunitni-planovani")
    )


def test_collective_exportimport_directory(home, client, item_directory):
    run(item_directory)
    assert_demo_imported(home)
    assert_redirects(client)


def test_second_run_creates_no_duplicates_and_updates_what_changed(home, tmp_path):
    export = tmp_path / "lhotka"
    shutil.copytree(DEMO, export)
    run(export)
    counts = (
        Page.objects.count(),
        Redirect.objects.count(),
        PloneItem.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
    )
    out = run(export, "--report", tmp_path / "again.json")
    report = json.loads((tmp_path / "again.json").read_text())
    assert report["counts"].get("created", 0) == 0
    assert report["counts"]["unchanged"] >= 12
    assert counts == (
        Page.objects.count(),
        Redirect.objects.count(),
        PloneItem.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
    )
    assert "Vytvořeno: 0" in out

    # The editor changed a page in Plone and exported again
    seniors_uid = PloneItem.objects.get(old_path="/komunitni-planovani/pracovni-skupiny/seniori")
    data_file = export / "content" / seniors_uid.uid / "data.json"
    item = json.loads(data_file.read_text())
    item.update(
        title="Senioři a zdravotně postižení",
        modified="2024-05-01T10:00:00+02:00",
        review_state="private",
    )
    data_file.write_text(json.dumps(item))
    run(export)
    seniors = page("seniori")
    assert seniors.title == "Senioři a zdravotně postižení"
    assert not seniors.live  # withdrawn in Plone → unpublished here
    assert Page.objects.count() == counts[0]


def test_dry_run_writes_nothing(home, settings, tmp_path):
    pages = Page.objects.count()
    out = run(DEMO, "--dry-run")
    assert "Zkušební běh: nic nebylo zapsáno." in out
    assert "vytvořeno" in out
    assert Page.objects.count() == pages
    assert not Redirect.objects.exists() and not PloneItem.objects.exists()
    assert not get_document_model().objects.exists() and not get_image_model().objects.exists()
    media = settings.MEDIA_ROOT
    stored = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert stored == []


def test_parent_by_address(home):
    section = SectionPage(title="Archiv", slug="archiv")
    home.add_child(instance=section)
    run(DEMO, "--parent", "/archiv/")
    assert page("komunitni-planovani").get_parent().pk == section.pk
    with pytest.raises(CommandError, match="neexistuje"):
        run(DEMO, "--parent", "/nikde/")


def test_map_option(home):
    run(DEMO, "--map", "Link=skip", "--map", "Event=skip")
    assert not Redirect.objects.filter(old_path="/komunitni-planovani/krajsky-portal").exists()
    assert not Page.objects.filter(slug="setkani-seniorske-skupiny").exists()
    with pytest.raises(CommandError, match="není typ stránky"):
        run(DEMO, "--map", "Folder=wagtailcore.Site")
    with pytest.raises(CommandError):
        run(DEMO, "--map", "Folder")


def test_old_address_followed_to_the_imported_page_under_a_section(home, client):
    """What tests/browser/test_plone.py does in Chromium, with the test client."""
    section = SectionPage(title="Ze starého webu", slug="ze-stareho-webu")
    home.add_child(instance=section)
    section.save_revision().publish()
    run(DEMO, "--parent", section.pk)
    response = client.get("/komunitni-planovani/uvod", follow=True)
    assert response.redirect_chain == [("/ze-stareho-webu/komunitni-planovani/", 301)]
    html = response.content.decode()
    assert "plánuje sociální služby" in html and "alert" not in html
    groups = page("pracovni-skupiny")
    assert f'href="{groups.url}"' in html
    response = client.get("/komunitni-planovani/plan-2024-2026.pdf/@@download/file", follow=True)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_progress_is_reported_while_importing(home, monkeypatch):
    from kpss_pages.plone import importer

    monkeypatch.setattr(importer, "PROGRESS_EVERY", 0)
    reports = []
    import_plone(DEMO, home, progress=lambda done, total: reports.append((done, total)))
    assert reports and reports[-1][0] <= reports[-1][1]
    assert [done for done, _total in reports] == sorted(done for done, _total in reports)
    assert reports[-1][0] > len(reports) // 2
