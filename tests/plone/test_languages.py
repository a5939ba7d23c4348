"""Items in another language than the site's (issue 13): placed in the tree of a matching
wagtail locale when the site has one (WAGTAIL_I18N_ENABLED), linked to the pages of their
Plone translations by translation_key; otherwise imported among the other pages and
reported with their language."""

import json
import shutil

import pytest
from wagtail.models import Locale, Page

from kpss_pages.plone.models import PloneItem

from .conftest import DEMO, run

SENIORS = "13a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5"  # /komunitni-planovani/pracovni-skupiny/seniori
GROUPS = "12a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5"
KP = "10a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5"
EN_SENIORS, EN_ABOUT, EN_PLANNING = "30" + "e" * 30, "31" + "e" * 30, "32" + "e" * 30


def english_item(uid, path, portal_type, parent_uid, parent_path, title):
    return {
        "@id": path,
        "@type": portal_type,
        "UID": uid,
        "id": path.rsplit("/", 1)[-1],
        "title": title,
        "description": "",
        "parent": {"@id": parent_path, "@type": "Folder", "UID": parent_uid},
        "language": "en",
        "created": "2023-09-01T08:00:00+02:00",
        "modified": "2024-02-01T10:00:00+01:00",
        "effective": "2023-09-05T09:00:00+02:00",
        "review_state": "published",
        "text": {"content-type": "text/html", "data": f"<p>{title} in English.</p>"},
    }


@pytest.fixture
def export(tmp_path):
    """The demo with an English translation of the seniors' group (with a page in it) and an
    English page without a translation; translations.json as plone.exportimport writes it."""
    export = tmp_path / "lhotka"
    shutil.copytree(DEMO, export)
    groups = "/komunitni-planovani/pracovni-skupiny"
    items = [
        english_item(EN_SENIORS, f"{groups}/seniors", "Folder", GROUPS, groups, "Seniors"),
        english_item(
            EN_ABOUT,
            f"{groups}/seniors/about",
            "Document",
            EN_SENIORS,
            f"{groups}/seniors",
            "About the group",
        ),
        english_item(
            EN_PLANNING,
            "/komunitni-planovani/planning",
            "Document",
            KP,
            "/komunitni-planovani",
            "Community planning in English",
        ),
    ]
    # The English folder comes first in the export: it waits for its Czech original.
    meta_file = export / "content" / "__metadata__.json"
    meta = json.loads(meta_file.read_text())
    for item in items:
        (export / "content" / item["UID"]).mkdir()
        (export / "content" / item["UID"] / "data.json").write_text(json.dumps(item))
    meta["_data_files_"][1:1] = [f"{item['UID']}/data.json" for item in items]
    meta_file.write_text(json.dumps(meta))
    (export / "translations.json").write_text(
        json.dumps([{"canonical": SENIORS, "translations": {"en": EN_SENIORS}}])
    )
    return export


@pytest.fixture
def english_site(home, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("cs", "Czech"), ("en", "English")]
    english = Locale.objects.create(language_code="en")
    home_en = home.copy_for_translation(english)
    return home_en


def page_of(uid):
    return PloneItem.objects.get(uid=uid).content_object.specific


def report_notes(path):
    data = json.loads(path.read_text())
    return {row["old_path"]: row["reason"] for row in data["items"] if row["action"] != "redirect"}


def test_items_in_another_language_go_to_its_locale(home, english_site, export, tmp_path):
    home_en = english_site
    run(export, "--report", tmp_path / "report.json")
    czech, english = Locale.objects.get(language_code="cs"), Locale.objects.get(language_code="en")
    seniori = page_of(SENIORS)
    assert seniori.locale == czech and seniori.get_parent().slug == "pracovni-skupiny"
    seniors = page_of(EN_SENIORS)
    # Its Czech original's folder has no English translation: the nearest translated
    # ancestor is the English home page; it is the Czech group's translation
    assert seniors.get_parent().pk == home_en.pk
    assert seniors.locale == english and seniors.translation_key == seniori.translation_key
    assert seniori.get_translation(english).pk == seniors.pk
    about = page_of(EN_ABOUT)  # under its English folder
    assert about.get_parent().pk == seniors.pk and about.locale == english
    planning = page_of(EN_PLANNING)  # no translation in Plone: a page of its own
    assert planning.get_parent().pk == home_en.pk and planning.locale == english
    assert not Page.objects.filter(translation_key=planning.translation_key, locale=czech)
    assert page_of(KP).locale == czech
    notes = report_notes(tmp_path / "report.json")
    placed = "jazyk en: umístěno mezi stránky v jazyce en"
    assert placed in notes["/komunitni-planovani/pracovni-skupiny/seniors"]
    assert placed in notes["/komunitni-planovani/planning"]

    # Again: nothing new, nothing moved
    pages = Page.objects.count()
    out = run(export)
    assert "Vytvořeno: 0" in out and Page.objects.count() == pages
    assert page_of(EN_SENIORS).get_parent().pk == home_en.pk

    # An editor translated the Czech groups' page; the English folder changed in Plone: it
    # moves under the translated parent of its original, keeping its page and translation
    groups_en = page_of(GROUPS).copy_for_translation(english, copy_parents=True)
    data_file = export / "content" / EN_SENIORS / "data.json"
    item = json.loads(data_file.read_text())
    item.update(title="Seniors' group", modified="2024-06-01T10:00:00+02:00")
    data_file.write_text(json.dumps(item))
    run(export)
    seniors = page_of(EN_SENIORS)
    assert seniors.pk == about.get_parent().pk and seniors.title == "Seniors' group"
    assert seniors.get_parent().pk == groups_en.pk
    assert seniors.translation_key == seniori.translation_key and seniors.locale == english
    assert Page.objects.count() == pages + 2  # the translated groups' page and its parent


def test_dry_run_places_nothing(home, english_site, export):
    pages = Page.objects.count()
    out = run(export, "--dry-run")
    assert "umístěno mezi stránky v jazyce en" in out
    assert Page.objects.count() == pages and not PloneItem.objects.exists()


def test_without_a_locale_of_the_language_items_are_reported(home, settings, export, tmp_path):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("cs", "Czech"), ("en", "English")]
    run(export, "--report", tmp_path / "report.json")
    seniors = page_of(EN_SENIORS)
    assert seniors.get_parent().pk == page_of(GROUPS).pk
    assert seniors.locale.language_code == "cs"
    assert seniors.translation_key != page_of(SENIORS).translation_key
    notes = report_notes(tmp_path / "report.json")
    assert notes["/komunitni-planovani/planning"] == (
        "jazyk en: web nemá místní nastavení pro tento jazyk, importováno mezi ostatní stránky"
    )


def test_without_i18n_items_are_reported(home, export, tmp_path):
    # WAGTAIL_I18N_ENABLED is off in the reference site; a locale alone changes nothing
    Locale.objects.create(language_code="en")
    run(export, "--report", tmp_path / "report.json")
    assert page_of(EN_PLANNING).get_parent().pk == page_of(KP).pk
    assert page_of(EN_PLANNING).locale.language_code == "cs"
    notes = report_notes(tmp_path / "report.json")
    assert notes["/komunitni-planovani/planning"] == "jazyk en"


def test_translations_of_collective_exportimport(tmp_path):
    from kpss_pages.plone.sources import open_source

    (tmp_path / "Plone.json").write_text("[]")
    (tmp_path / "translations.json").write_text(
        json.dumps([{"cs": "a", "en": "b", "de": "c"}, {"cs": "d"}, "nonsense", {"cs": 1}])
    )
    source = open_source(tmp_path / "Plone.json")
    assert source.translations == {"a": ("b", "c"), "b": ("a", "c"), "c": ("a", "b"), "d": ()}
