"""Content-Security-Policy (django-csp) on every public page: no inline script or style is
allowed and none is needed; the Wagtail admin is excluded and keeps working."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page


def policy(response):
    header = response.get("Content-Security-Policy", "")
    return dict((part.split()[0], part.split()[1:]) for part in header.split(";") if part.strip())


def inline_scripts(html):
    """Inline scripts a browser would execute (JSON data blocks are not scripts)."""
    return [
        s
        for s in html.find_all("script")
        if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")
    ]


def public_urls():
    urls = [page.url for page in Page.objects.live().public().specific() if page.url]
    return urls + ["/hledat/?q=senioři", "/odber/", "/neexistuje/"]


def test_every_public_page_has_a_strict_policy_and_needs_no_inline_code(client, demo):
    urls = public_urls()
    assert len(urls) > 20
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        directives = policy(response)
        assert directives.get("script-src") == ["'self'"], (url, directives)
        assert directives.get("style-src") == ["'self'"], (url, directives)
        assert directives.get("object-src") == ["'none'"]
        assert directives.get("frame-ancestors") == ["'none'"]
        if "html" not in response["Content-Type"]:
            continue
        html = BeautifulSoup(response.content, "html.parser")
        # Data blocks (JSON-LD) are not scripts; anything else inline would be blocked.
        assert not inline_scripts(html), url
        assert not html.find_all("style"), url
        assert not html.find_all(style=True), (url, html.find_all(style=True)[:3])
        assert not html.find_all(attrs={re.compile(r"^on"): True}), url


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_the_admin_is_excluded_and_works(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_feeds_and_exports_also_carry_the_policy(client, demo):
    from kpss_pages.news.models import NewsIndexPage

    response = client.get(NewsIndexPage.objects.live().first().url + "rss/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_userbar_of_a_logged_in_editor_needs_no_inline_code(client, demo, admin_user):
    client.force_login(admin_user)
    response = client.get("/")
    html = BeautifulSoup(response.content, "html.parser")
    assert "userbar" in response.content.decode()
    assert not inline_scripts(html)
    assert not html.find_all(style=True)
