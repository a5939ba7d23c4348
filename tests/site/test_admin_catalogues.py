"""The admin in good Czech (issue 14 item 7): the plugin set's and the site's catalogues
must not replace Wagtail's or Django's own Czech for the same English word by accident.
All catalogues are merged into one, and the project's win: "Pages" for the public
pagination became "Stránkování" in Wagtail's menu. A word meant differently carries a
context (``pgettext``); the few deliberate overrides are listed here."""

import glob
import os

import django
import wagtail
import wagtail_modeladmin
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from catalog.models import ServiceContact
from kpss_pages.groups.models import GroupMember, MembershipApplication, Registration
from kpss_pages.plan.models import Comment

# msgid → the project's Czech, kept on purpose also where Wagtail or Django say otherwise.
DELIBERATE = {
    "Action": "Akce",  # Django admin's "Operace"
    "Admin": "Správce",
    "Breadcrumbs": "Drobečková navigace",
    "Czech": "čeština",
    "Dashboard": "Nástěnka",
    "Filter": "Filtrovat",  # a button
    "Home": "Úvod",
    "Import": "Importovat",  # a button
    "In progress": "Probíhá",
    "Not started": "Nezahájeno",
    "Search for": "Hledaný výraz",
    "Submitted": "Podáno",  # Wagtail's own "Uloženo" is a mistranslation
    "Summary": "Souhrn",
    "Table caption": "Popis tabulky",
    "Tags": "Štítky",  # Wagtail's images say "Tagy"
    "name": "název",  # of things; a person's name is pgettext("person", "name")
    "object id": "ID objektu",
    "slug": "adresa (slug)",
    "tags": "štítky",
    "title": "název",
}

SITE_PACKAGES = [
    os.path.dirname(module.__file__) for module in (wagtail, django, wagtail_modeladmin)
]


def _catalogue(path):
    with open(path, "rb") as fh:
        return read_po(fh, locale="cs")


def _ours():
    roots = [str(settings.BASE_DIR / "locale"), str(settings.BASE_DIR / "catalog" / "locale")]
    roots += glob.glob(str(settings.BASE_DIR / "kpss_pages" / "*" / "locale"))
    return [path for root in roots for path in glob.glob(f"{root}/cs/LC_MESSAGES/django.po")]


def _theirs():
    translations = {}
    for root in SITE_PACKAGES:
        for path in glob.glob(f"{root}/**/locale/cs/LC_MESSAGES/django.po", recursive=True):
            for message in _catalogue(path):
                if message.id and message.string and not message.context:
                    key = message.id if isinstance(message.id, str) else message.id[0]
                    translations.setdefault(key, set()).add(message.string)
    return translations


def test_project_catalogues_do_not_override_wagtail_by_accident():
    theirs = _theirs()
    clashes = []
    for path in _ours():
        for message in _catalogue(path):
            if not message.id or message.context:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            others = theirs.get(key, set()) - {message.string}
            if others and DELIBERATE.get(key) != message.string:
                clashes.append(
                    f"{os.path.relpath(path)}: {key!r} → {message.string!r}, not {others}"
                )
    assert not clashes, "give these a context (pgettext):\n" + "\n".join(clashes)


def test_wagtail_admin_words_keep_wagtails_czech():
    with translation.override("cs"):
        assert gettext("Pages") == "Stránky"  # the admin menu, not "Stránkování"
        assert gettext("Page") == "Stránka"
        assert gettext("Comment") == "Komentář"
        assert gettext("Title") == "Název"
        assert gettext("Change") != "Změna"
        assert gettext("Name") != "Jméno"


def test_a_persons_name_is_jmeno():
    with translation.override("cs"):
        for model in (Registration, MembershipApplication, GroupMember, Comment, ServiceContact):
            assert str(model._meta.get_field("name").verbose_name) == "jméno", model
