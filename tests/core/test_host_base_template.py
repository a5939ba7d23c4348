"""A host whose base template has another name and other blocks (issue 12 item 2): it
overrides kpss/base.html with the README's example ("The base template contract"), and the
plugin's pages render inside its layout with their own titles, stylesheet and content."""

import copy
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from kpss_pages.core.models import SectionPage
from tests.factories import add_page

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()

TOWN_LAYOUT = """<!DOCTYPE html>
<html lang="cs"><head><title>{% block page_title %}Úřad{% endblock %} | Obec Ukázkov</title>
{% block page_head %}<link rel="stylesheet" href="/static/town/layout.css">{% endblock %}
</head><body><header id="ukazkov-header">Obec Ukázkov</header>
<main>{% block page_body %}{% endblock %}</main>
<footer id="ukazkov-footer">Obecní úřad Ukázkov</footer></body></html>
"""


@pytest.fixture
def town_templates(settings, tmp_path, uncached_pages):
    match = re.search(r"```django\n(\{% extends \"town/layout.html\" %\}.*?)```", README, re.S)
    assert match, "README: the override of kpss/base.html is missing"
    (tmp_path / "kpss").mkdir()
    (tmp_path / "kpss" / "base.html").write_text(match.group(1))
    (tmp_path / "town").mkdir()
    (tmp_path / "town" / "layout.html").write_text(TOWN_LAYOUT)
    templates = copy.deepcopy(django_settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    cache.clear()


def _title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _inside_the_layout(html, text):
    assert html.index('id="ukazkov-header"') < html.index(text) < html.index('id="ukazkov-footer"')
    assert html.count("<main") == 1 and "kpss/css/kpss.css" in html
    assert 'href="/static/town/layout.css"' in html  # block.super kept the host's head


def test_a_plugin_page_inside_a_layout_with_other_block_names(client, home, town_templates):
    page = add_page(home, SectionPage, title="Komunitní plánování v Ukázkově", slug="kp")
    html = client.get(page.url).content.decode()
    _inside_the_layout(html, "<h1")
    assert _title(html) == "Komunitní plánování v Ukázkově | Obec Ukázkov"


def test_a_plugin_view_keeps_its_own_title_and_the_error_prefix(client, home, town_templates):
    html = client.get("/odber/").content.decode()
    _inside_the_layout(html, "<form")
    assert _title(html) == "Odběr novinek | Obec Ukázkov"
    refused = client.post("/odber/", {"email": "neplatny", "all_news": ""})
    assert refused.status_code == 400
    assert _title(refused.content.decode()) == "Chyba: Odběr novinek | Obec Ukázkov"
