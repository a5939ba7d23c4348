"""Site furniture: settings in the admin, navigation, footer, search, blocks, error pages."""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from kpss_pages.core.models import KpssSettings
from tests.factories import UserFactory, add_page, make_content_page


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def admin_client(client, home):
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    return client


def make_image(title="Mapa ORP"):
    buffer = BytesIO()
    PILImage.new("RGB", (60, 40), "#0b5394").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="mapa.png"))


def make_document(title="Komunitní plán 2025–2028", name="plan.pdf"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=name)
    )


# --- settings, navigation, footer ----------------------------------------------------


def test_site_settings_are_edited_in_the_admin_and_shown_in_the_footer(admin_client, home):
    statement = make_content_page(home, title="Prohlášení o přístupnosti")
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["kpss_core", "kpsssettings", site.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Koordinátor" in response.content.decode()  # Czech field labels
    data = nested_form_data(
        {
            "municipality_name": "Město Kamenná Ves",
            "orp_name": "ORP Kamenná Ves",
            "coordinator_name": "Bc. Ukázková Koordinátorka",
            "coordinator_role": "koordinátorka KPSS",
            "coordinator_email": "kpss@kamenna-ves.example",
            "coordinator_phone": "+420 555 000 321",
            "office_address": "Náměstí 1\nKamenná Ves",
            "social_links": streamfield(
                [("link", {"label": "Facebook města", "url": "https://facebook.example/kv"})]
            ),
            "accessibility_page": statement.pk,
            "funding_logos": streamfield([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert KpssSettings.for_site(site).orp_name == "ORP Kamenná Ves"

    footer = soup(admin_client.get("/")).find("footer")
    text = footer.get_text(" ", strip=True)
    assert "Město Kamenná Ves" in text
    assert "Bc. Ukázková Koordinátorka, koordinátorka KPSS" in text
    assert footer.find("a", href="mailto:kpss@kamenna-ves.example")
    assert footer.find("a", href="tel:+420555000321")
    assert footer.find("a", href="https://facebook.example/kv").get_text() == "Facebook města"
    link = footer.find("a", string="Prohlášení o přístupnosti")
    assert link["href"] == statement.url


def test_invalid_settings_keep_the_input_and_show_czech_errors(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["kpss_core", "kpsssettings", site.pk])
    data = nested_form_data(
        {
            "municipality_name": "Město Chybná",
            "coordinator_email": "neni-email",
            "social_links": streamfield([]),
            "funding_logos": streamfield([]),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zadejte platnou e-mailovou adresu." in html
    assert 'value="Město Chybná"' in html
    assert KpssSettings.for_site(site).municipality_name == "Město Zkušebnice"


def test_main_navigation_comes_from_the_page_tree(client, home):
    about = make_content_page(home, title="O projektu", show_in_menus=True)
    make_content_page(about, title="Financování", slug="financovani", show_in_menus=True)
    make_content_page(home, title="Skrytá", slug="skryta", show_in_menus=False)
    make_content_page(home, title="Koncept", slug="koncept", show_in_menus=True, publish=False)
    nav = soup(client.get("/o-projektu/")).find("nav", attrs={"aria-label": "Hlavní navigace"})
    items = nav.ul.find_all("a")
    links = [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in items]
    assert links == [("Úvod", "/", None), ("O projektu", "/o-projektu/", "page")]
    # On phones the menu folds behind "Menu" (:target, no script) and folds again
    assert soup(client.get("/o-projektu/")).find("a", class_="menu-toggle")["href"] == "#main-nav"
    assert nav.find("p", class_="main-nav__close").a["href"] == "#"
    nav = soup(client.get("/o-projektu/financovani/")).find("nav", class_="main-nav")
    assert nav.find("a", href="/o-projektu/")["aria-current"] == "true"


def test_breadcrumbs_on_nested_pages(client, home):
    about = make_content_page(home, title="O projektu")
    make_content_page(about, title="Financování", slug="financovani")
    crumbs = soup(client.get("/o-projektu/financovani/")).find("nav", class_="breadcrumbs")
    assert [li.get_text(strip=True) for li in crumbs.find_all("li")] == [
        "Úvod",
        "O projektu",
        "Financování",
    ]


def test_breadcrumbs_build_their_links_with_the_request(client, home, monkeypatch):
    """The trail's links use the sites' root paths Wagtail keeps on the request: read once
    per page, not again from the cache (Redis in production) for every ancestor."""
    about = make_content_page(home, title="O projektu")
    middle = make_content_page(about, title="Financování", slug="financovani")
    make_content_page(middle, title="Dotace", slug="dotace")
    url = "/o-projektu/financovani/dotace/?utm_source=x"  # rendered, not from the page cache
    client.get(url)
    calls = []
    original = Site.get_site_root_paths

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    crumbs = soup(client.get(url)).find("nav", class_="breadcrumbs")
    links = [a["href"] for a in crumbs.find_all("a")]
    assert links == ["/", "/o-projektu/", "/o-projektu/financovani/"]
    assert len(calls) <= 1


# --- search --------------------------------------------------------------------------


def test_search_covers_every_page_type_and_only_live_public_pages(client, home):
    home.intro = "<p>Plánujeme sociální služby pro Vlčinu.</p>"
    home.save_revision().publish()
    make_content_page(home, title="Pečovatelská služba na Vlčině")
    make_content_page(home, title="Vlčina koncept", slug="koncept", publish=False)
    private = make_content_page(home, title="Vlčina interní", slug="interni")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    call_command("update_index", verbosity=0)
    results = soup(client.get(reverse("search"), {"q": "Vlčině"})).find(
        "ol", class_="search-results"
    )
    found = (
        {
            li.h3.get_text(" ", strip=True): li.find(class_="search-results__type").get_text()
            for li in results.find_all("li")
        }
        if results
        else {}
    )
    assert found.get("Pečovatelská služba na Vlčině") == "Obsahová stránka"
    response = client.get(reverse("search"), {"q": "Vlčina"})
    titles = [h.get_text(" ", strip=True) for h in soup(response).select(".search-results h3")]
    assert "Vlčina koncept" not in titles and "Vlčina interní" not in titles
    response = client.get(reverse("search"), {"q": "Plánujeme"})
    assert home.title in [
        h.get_text(" ", strip=True) for h in soup(response).select(".search-results h3")
    ]


def test_search_paginates(client, home):
    for n in range(1, 24):
        make_content_page(home, title=f"Setkání seniorů {n}", slug=f"setkani-{n}")
    call_command("update_index", verbosity=0)
    url = reverse("search")
    page1 = soup(client.get(url, {"q": "seniorů"}))
    assert "23 výsledků" in page1.find("h2", class_="search-summary").get_text()
    assert len(page1.select(".search-results > li")) == 10
    pagination = page1.find("nav", class_="pagination")
    current = pagination.find("span", attrs={"aria-current": "page"})
    assert current.get_text(" ", strip=True) == "Strana 1"
    next_href = pagination.find("a", rel="next")["href"]
    assert "q=senior" in next_href and "page=2" in next_href
    page2 = soup(client.get(url, {"q": "seniorů", "page": "2"}))
    assert page2.find("ol", class_="search-results")["start"] == "11"
    last = soup(client.get(url, {"q": "seniorů", "page": "999"}))
    assert len(last.select(".search-results > li")) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "senior", "page": "abc"},
        {"q": "senior", "page": "-1"},
        {"page": "999"},
        {"q": "a\x00b"},
        {"q": "\"'); DROP TABLE wagtailcore_page; --"},
        {"q": "& | ! ( ) :* <->"},
        {"q": "   "},
    ],
)
def test_search_survives_bad_input(client, home, params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    assert soup(response).find("h1").get_text() == "Hledat"


def test_search_without_query_shows_only_the_form(client, home):
    html = soup(client.get(reverse("search")))
    assert html.find("input", id="search-q") and not html.find(class_="search-summary")


@pytest.mark.postgres
def test_postgres_czech_unaccent_configuration_folds_diacritics(client, home):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('czech_unaccent', 'Senioři a rodiny s dětmi')::text")
        assert cursor.fetchone()[0] == "'a':2 'detmi':5 'rodiny':3 's':4 'seniori':1"
    make_content_page(home, title="Pracovní skupina senioři", slug="ps-seniori")
    call_command("update_index", verbosity=0)
    titles = [
        h.get_text(" ", strip=True)
        for h in soup(client.get(reverse("search"), {"q": "seniori"})).select(".search-results h3")
    ]
    assert titles == ["Pracovní skupina senioři"]


# --- content blocks ------------------------------------------------------------------


def test_every_content_block_renders_accessibly(client, home):
    image = make_image()
    document = make_document()
    video = make_document(title="Záznam setkání", name="setkani.mp4")
    page = add_page(
        home,
        __import__("home.models", fromlist=["ContentPage"]).ContentPage,
        title="Všechny bloky",
        slug="bloky",
        body=[
            {"type": "rich_text", "value": "<h2>Úvod</h2><p>Text <b>tučně</b>.</p>"},
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "Mapa obcí ORP", "decorative": False},
                    "caption": "Obce správního obvodu",
                },
            },
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "", "decorative": True},
                    "caption": "",
                },
            },
            {
                "type": "document",
                "value": {"document": document.pk, "title": "", "description": "Schválený plán"},
            },
            {
                "type": "video",
                "value": {
                    "video_file": video.pk,
                    "url": "https://video.example/kpss",
                    "title": "Veřejné setkání",
                    "transcript": "<p>Přepis setkání.</p>",
                },
            },
            {
                "type": "table",
                "value": {
                    "caption": "Termíny setkání",
                    "table": {
                        "data": [["Skupina", "Termín"], ["Senioři", "2. 8."]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                    },
                    "source": "Městský úřad",
                },
            },
            {
                "type": "callout",
                "value": {"kind": "important", "title": "Uzávěrka", "text": "<p>Do 30. 9.</p>"},
            },
        ],
    )
    html = soup(client.get(page.url))
    main = html.find("main")
    assert main.find("h2", string="Úvod") and main.find("b", string="tučně")

    figures = main.find_all("figure", class_="figure")
    assert figures[0].img["alt"] == "Mapa obcí ORP"
    assert figures[0].figcaption.get_text() == "Obce správního obvodu"
    assert figures[1].img["alt"] == ""  # decorative: screen readers skip it
    assert all(img.has_attr("alt") for img in main.find_all("img"))

    doc = main.find(class_="document-link")
    assert doc.a["href"] == document.url and doc.a.get_text() == "Komunitní plán 2025–2028"
    assert "PDF" in doc.get_text() and "Schválený plán" in doc.get_text()

    player = main.find("video")
    assert player.has_attr("controls") and player.source["src"] == video.url
    assert player.find_parent("figure").find("a", href="https://video.example/kpss")
    assert main.find("details").get_text(" ", strip=True) == "Přepis Přepis setkání."

    table = main.find("table")
    assert table.caption.get_text(strip=True) == "Termíny setkání"
    assert [th["scope"] for th in table.find_all("th")] == ["col", "col", "row"]
    # Two columns fit a phone: no scroll region, so no tab stop (wide tables keep one,
    # tests/browser/test_tables.py).
    assert table.find_parent(attrs={"role": "region"}) is None
    assert "table-fit" in table.parent["class"] and not table.parent.has_attr("tabindex")
    assert main.find(class_="table-block__source").get_text() == "Zdroj: Městský úřad"

    callout = main.find("aside", class_="callout")
    assert callout["aria-label"] == "Uzávěrka" and "callout--important" in callout["class"]


def test_table_without_rows_renders_nothing_broken(client, home):
    from home.models import ContentPage

    page = add_page(
        home,
        ContentPage,
        title="Prázdná tabulka",
        slug="prazdna",
        body=[{"type": "table", "value": {"caption": "Nic", "table": {"data": []}, "source": ""}}],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert not soup(response).find("main").find(attrs={"role": "region"})


# --- error pages ---------------------------------------------------------------------


def test_404_is_czech_with_search(client, home):
    response = client.get("/tato-stranka-neni/")
    html = soup(response)
    assert response.status_code == 404
    assert html.html["lang"] == "cs"
    assert html.find("h1").get_text() == "Stránka nenalezena"
    assert html.find("main").find("form", role="search").find("label").get_text() == "Hledaný výraz"


@pytest.mark.urls("tests.home.urls_boom")
def test_500_page_is_czech(client, home):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = soup(response)
    assert html.html["lang"] == "cs"
    assert html.find("h1").get_text() == "Omlouváme se, na serveru došlo k chybě"
    assert html.find("a", href="/")


def test_long_pagination_is_elided_around_the_current_page():
    from django.core.paginator import Paginator

    from kpss_pages.core.templatetags.kpss_format import elided_pages

    paginator = Paginator(range(6733), 20)  # a national catalogue: 337 pages
    assert elided_pages(paginator.page(1)) == [1, 2, 3, None, 337]
    assert elided_pages(paginator.page(100)) == [1, None, 98, 99, 100, 101, 102, None, 337]
    assert elided_pages(Paginator(range(50), 20).page(2)) == [1, 2, 3]
