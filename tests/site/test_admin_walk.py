"""The admin in good Czech (issue 14 item 7): every admin screen the project adds or
configures — its snippets, viewsets and modeladmin listings, their create and edit forms
for a demo object, the settings and reports — answers 200 in Czech and shows none of the
untranslated or wrongly inflected strings this test knows of."""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import admin_menu

# Wagtail's own screens (pages, images, users …) are Wagtail's translation; the project's
# are everything else in the menu.
WAGTAIL_OWN = (
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/sites/",
    "/admin/locales/",
    "/admin/collections/",
    "/admin/redirects/",
    "/admin/searchpicks/",
    "/admin/workflows/",
    "/admin/tasks/",
    "/admin/reports/",
    "/admin/account/",
    "/admin/logout/",
    "/admin/embeds/",
)

KNOWN_BAD = [
    "Subject label",
    "out of",
    "By druh",
    "Just now",
    "just now",
    "Před 1 minuta",
    "Přidat přihláška",
    "Cílové Skupiny",
]
# Dates and times are Czech and local (issue 14 item 8): "3. 12. 2026 9:00", never ISO or UTC.
DATE_PATTERNS = [
    (re.compile(r"\b20\d\d-\d\d-\d\d\b"), "ISO date"),
    (re.compile(r"\bUTC\b|\+00:00"), "UTC"),
    (re.compile(r"\b\d\d?\.\d\d?\.20\d\d\b"), "date without spaces"),
]
_CAP = "[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][a-záčďéěíňóřšťúůýž]"
KNOWN_BAD_PATTERNS = [
    (re.compile(r">\s*(True|False|None)\s*<"), "a Python value shown as text"),
    (re.compile(r"\b(?:[5-9]|1\d|20) přihlášky\b"), "plural: 5+ přihlášek"),
    (re.compile(r"\b1 (minuta|hodina)\b"), "case: před 1 minutou"),
    # Title Case in a column heading ("Cílové Skupiny"): Czech capitalises the first word
    # only (headings and labels also show names of people and towns).
    (
        re.compile(rf"<th\b[^>]*>\s*(?:<[^>]+>\s*)*{_CAP}\w* {_CAP}\w*"),
        "Title Case",
    ),
]


def _menu_urls(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = []

    def walk(items):
        for item in items:
            if hasattr(item, "menu"):
                walk(item.menu.menu_items_for_request(request))
            elif getattr(item, "url", None):
                urls.append(item.url)

    walk(admin_menu.menu_items_for_request(request))
    return [
        url
        for url in urls
        if url.startswith("/admin/")
        and url not in ("/admin/", "/admin/snippets/")  # each snippet type is walked
        and not url.startswith(WAGTAIL_OWN)
    ]


def _text(html):
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    html = re.sub(r"<style\b.*?</style>", " ", html, flags=re.S)
    # Elements nobody sees (Wagtail's empty side-panel counters hold "None").
    html = re.sub(r"<(div|span)\b[^>]*\shidden\b[^>]*>[^<]*</\1>", " ", html)
    return unescape(html)


def _problems(url, response):
    if response.status_code != 200:
        return [f"{url}: {response.status_code}"]
    if not response["Content-Type"].startswith("text/html"):
        return []  # a PDF or an export
    html = _text(response.content.decode())
    found = [f"{url}: {bad!r}" for bad in KNOWN_BAD if bad in html]
    found += [
        f"{url}: {why} ({html[max(0, m.start() - 300) : m.end() + 80]!r})"
        for pattern, why in KNOWN_BAD_PATTERNS
        for m in [pattern.search(html)]
        if m
    ]
    visible = re.sub(r"<[^>]+>", " ", html)  # text only: attributes may hold ISO values
    found += [
        f"{url}: {why} ({m.group(0)!r} in …{visible[max(0, m.start() - 60) : m.end() + 20]!r})"
        for pattern, why in DATE_PATTERNS
        for m in [pattern.search(visible)]
        if m
    ]
    return found


def _follow_up_links(index_url, html):
    """The add form and the first object's edit form linked from a listing."""
    links = []
    hrefs = [urlsplit(urljoin(index_url, h)).path for h in re.findall(r'href="([^"#?]+)', html)]
    below = [h for h in dict.fromkeys(hrefs) if h.startswith(index_url) and h != index_url]
    for kind in (r"/(add|create|new)/$", r"/(edit/)?\d+/(edit/)?$"):
        match = next((h for h in below if re.search(kind, h)), None)
        if match:
            links.append(match)
    return links


@pytest.mark.django_db
def test_every_project_admin_screen_in_good_czech(demo, admin_client, admin_user):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "cs"
    with translation.override("cs"):
        index_urls = _menu_urls(admin_user)
    assert len(index_urls) >= 10, index_urls
    visited, problems = [], []
    for url in index_urls:
        response = admin_client.get(url, follow=True)
        visited.append(url)
        problems += _problems(url, response)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            for link in _follow_up_links(url, response.content.decode()):
                visited.append(link)
                problems += _problems(link, admin_client.get(link))
    assert any(url.startswith("/admin/snippets/kpss_plan/") for url in visited), visited
    assert not problems, "\n".join(problems)
