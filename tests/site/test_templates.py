"""Every page of the demo (all apps) is self-contained, semantic and printable."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
CSS_EXTERNAL = re.compile(r"(@import\s+(url\()?\s*['\"]?|url\(\s*['\"]?)\s*(https?:)?//", re.I)


@pytest.fixture
def demo_pages(demo):
    pages = [p.url for p in Page.objects.live().public().filter(depth__gt=1).specific()]
    return pages + [
        reverse("search") + "?q=senio%C5%99i",
        reverse("search") + "?q=zzzz",
        "/stranka-neexistuje/",
    ]


def external_resources(html):
    """Everything a browser would fetch from another server to show the page."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attr in [
        ("script", "src"),
        ("link", "href"),
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("video", "poster"),
        ("audio", "src"),
        ("iframe", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("input", "src"),
    ]:
        for element in soup.find_all(tag):
            value = element.get(attr)
            if value and any(EXTERNAL.match(part) for part in value.split(",")):
                found.append(f"<{tag} {attr}={value}>")
    for element in soup.find_all(style=True):
        if CSS_EXTERNAL.search(element["style"]):
            found.append(f"style={element['style']}")
    for style in soup.find_all("style"):
        if CSS_EXTERNAL.search(style.get_text()):
            found.append("<style> loads a remote resource")
    return found


def test_the_detector_finds_remote_resources():
    html = (
        '<link rel="stylesheet" href="https://fonts.example/css"><script src="//cdn.example/a.js">'
        '</script><img src="/media/a.png" srcset="/a.png 1x, https://cdn.example/b.png 2x">'
        "<style>@import 'https://x.example/y.css';</style><div style=\"background:url(http://x)\">"
    )
    assert len(external_resources(html)) == 5
    assert external_resources('<a href="https://www.mpsv.cz/">MPSV</a><img src="/m.png">') == []


def test_no_page_loads_anything_from_another_server(client, demo_pages):
    problems = {}
    for url in demo_pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = external_resources(response.content.decode())
        if found:
            problems[url] = found
    assert not problems, problems
    home = BeautifulSoup(client.get("/").content, "html.parser")
    stylesheets = [link["href"] for link in home.find_all("link", rel="stylesheet")]
    assert stylesheets and all(not urlsplit(href).netloc for href in stylesheets)


def test_project_css_loads_nothing_remote():
    css_files = list((REPO / "site" / "static").rglob("*.css"))
    assert css_files
    for path in css_files:
        text = path.read_text()
        assert not CSS_EXTERNAL.search(text), path
        assert "@font-face" not in text or "http" not in text, path


def test_every_page_is_semantic_and_printable(client, demo_pages):
    problems = []
    for url in demo_pages:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        checks = {
            "lang=cs": soup.html.get("lang") == "cs",
            "one h1": len(soup.find_all("h1")) == 1,
            "skip link first": soup.body.find("a") is not None
            and soup.body.find("a").get("href") == "#main",
            "main#main": soup.find("main", id="main") is not None,
            "header": soup.find("header") is not None,
            "footer": soup.find("footer") is not None,
            "labelled nav": all(
                n.get("aria-label") or n.get("aria-labelledby") for n in soup.find_all("nav")
            ),
            "viewport": soup.find("meta", attrs={"name": "viewport"}) is not None,
            "print css": soup.find("link", attrs={"media": "print"}) is not None,
            "labelled inputs": all(
                i.get("type") in ("hidden", "submit")
                or i.get("aria-label")
                or (i.get("id") and soup.find("label", attrs={"for": i["id"]}))
                or i.find_parent("label")
                for i in soup.find_all(["input", "select", "textarea"])
            ),
            "no script needed": not soup.find("noscript"),
        }
        problems += [f"{url}: {name}" for name, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems)


def test_stylesheets_have_visible_focus_responsive_rules_and_print_rules():
    css = (REPO / "site/static/css/kpss.css").read_text()
    assert re.search(r":focus-visible\s*{[^}]*outline:\s*3px solid", css)
    assert "@media (max-width:" in css
    print_css = (REPO / "site/static/css/print.css").read_text()
    assert ".main-nav" in print_css and "display: none" in print_css
    assert "attr(href)" in print_css  # printed links keep their address
