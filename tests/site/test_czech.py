"""The project speaks Czech: a complete catalogue, compiled, and a Czech Wagtail admin."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

REPO = Path(__file__).resolve().parents[2]
# The reference site's catalogue and one per app of the plugin set (shipped in the wheel).
POS = sorted(
    [REPO / "locale" / "cs" / "LC_MESSAGES" / "django.po"]
    + list(REPO.glob("catalog/locale/cs/LC_MESSAGES/django.po"))
    + list(REPO.glob("kpss_pages/*/locale/cs/LC_MESSAGES/django.po"))
)
PROJECT_APPS = {"home", "kpss_core", "catalog", "kpss_groups", "kpss_plan", "kpss_news"}


def _read(po):
    with po.open("rb") as fh:
        return read_po(fh, locale="cs")


class _AllCatalogs(list):
    """The messages of every catalogue, as one iterable."""


def _catalog():
    return _AllCatalogs(m for po in POS for m in _read(po))


def test_every_app_of_the_plugin_set_ships_a_catalogue():
    apps_with_po = {po.parent.parent.parent.parent.name for po in POS}
    assert {"catalog", "core", "groups", "plan", "news"} <= apps_with_po


@pytest.mark.parametrize("po", POS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_message_is_translated_and_none_is_fuzzy(po):
    catalog = _read(po)
    assert catalog.num_plurals == 3  # jeden / dva až čtyři / pět a více
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if message.pluralizable else [message.string]
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif message.pluralizable and len(strings) != 3:
            problems.append(f"needs 3 plural forms: {message.id!r}")
        elif not all(s and s.strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, "\n".join(problems)


def _key(message_id):
    return message_id if isinstance(message_id, str) else tuple(message_id)


@pytest.mark.parametrize("po", POS, ids=lambda p: str(p.relative_to(REPO)))
def test_catalogue_is_compiled_and_committed(po):
    mo = po.with_suffix(".mo")
    assert mo.is_file(), "run bin/messages --compile and commit the .mo files"
    with mo.open("rb") as fh:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
    source = {_key(m.id): _key(m.string) for m in _read(po) if m.id}
    stale = sorted(k for k in source if compiled.get(k) != source[k])
    assert not stale, f"stale .mo, run bin/messages --compile: {stale[:5]}"


def test_translations_are_active():
    with translation.override("cs"):
        assert translation.gettext("Skip to main content") == "Přeskočit na hlavní obsah"


def _project_models():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


def test_every_project_model_and_field_has_a_czech_verbose_name():
    """Models and editable fields of every project app (present and future) are named in
    Czech: a verbose name set in the source and translated (differs from the English)."""
    translated = {_key(m.id)[0] if not isinstance(m.id, str) else m.id for m in _catalog()}
    missing = []

    def check(where, value):
        with translation.override("en"):
            english = str(value)
        with translation.override("cs"):
            czech = str(value)
        # Same word in both languages ("logo") is fine if the catalogue has it.
        if english == czech and english not in translated and any(c.isalpha() for c in english):
            missing.append(f"{where}: {english!r}")

    for model in _project_models():
        opts = model._meta
        for label, value in (
            ("verbose_name", opts.verbose_name),
            ("verbose_name_plural", opts.verbose_name_plural),
        ):
            check(f"{opts.label}.{label}", value)
        for field in opts.get_fields(include_hidden=False):
            if (
                field.auto_created
                or not getattr(field, "editable", False)
                or getattr(field, "model", None) is not model
                or not hasattr(field, "verbose_name")
            ):
                continue
            for attr in ("verbose_name", "help_text"):
                value = getattr(field, attr, "")
                if value:
                    check(f"{opts.label}.{field.name}.{attr}", value)
    assert not missing, "not translated to Czech:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_admin_login_page_is_czech(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert '<html lang="cs"' in html
    assert "Přihlásit se" in html
    assert "Uživatelské jméno" in html
    assert "Zapomenuté heslo?" in html


def test_admin_dashboard_is_czech_for_a_user_without_a_preference(client, home):
    user = UserFactory(username="redaktorka", is_superuser=True, is_staff=True)
    assert not getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "")
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="cs"' in html
    assert "Přehled obsahu" in html  # the dashboard's summary panel
    # Strings Wagtail's Czech catalogue lacks come from ours (home/admin_cs.py).
    assert "<title>Nástěnka - Wagtail</title>" in html
    assert re.search(r'\d+ stránk(a|y|ek) <span class="w-sr-only">vytvořen', html)
    explorer = client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    assert "Procházení" in explorer and "Exploring" not in explorer
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert "Publikovat" in edit
    assert "Úvod" in edit  # our own field label, translated
