import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from home.models import ContentPage, HomePage
from tests.factories import make_content_page


def test_home_page_renders_settings_and_navigation(client, home):
    make_content_page(home, title="Jak se zapojit", show_in_menus=True)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cs">' in html
    assert 'href="#main"' in html and "Přeskočit na hlavní obsah" in html
    assert "ORP Zkušebnice" in html
    assert 'href="mailto:kpss@zkusebnice.example"' in html
    assert '<a href="/jak-se-zapojit/">Jak se zapojit</a>' in html


def test_content_page_renders_stream_blocks(client, home):
    page = make_content_page(
        home,
        title="O projektu",
        lead="Krátké shrnutí",
        body=[
            ("rich_text", "<p>Pracovní skupiny se scházejí.</p>"),
            ("callout", {"kind": "important", "title": "Pozor", "text": "<p>Uzávěrka</p>"}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h1>O projektu</h1>" in html
    assert "Pracovní skupiny se scházejí." in html
    assert 'class="callout callout--important"' in html


def test_page_tree_rules(db):
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert ContentPage in HomePage.allowed_subpage_models()
    assert HomePage not in ContentPage.allowed_subpage_models()
    assert ContentPage.can_create_at(HomePage())
    assert not HomePage.can_create_at(ContentPage())


def test_home_page_cannot_have_a_sibling_home(home):
    assert not HomePage.can_create_at(Page.get_first_root_node()) or HomePage.max_count_per_parent


def test_404_is_czech(client, home):
    response = client.get("/neexistuje/")
    assert response.status_code == 404
    assert "Stránka nenalezena" in response.content.decode()


def test_search_ignores_diacritics_and_bad_input(client, home):
    make_content_page(home, title="Služby pro seniory", lead="Pomoc pro senioři a rodiny")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = client.get(reverse("search"), {"q": "seniori"})
    assert "Služby pro seniory" in response.content.decode()
    for params in ({"q": "x" * 5000}, {"q": "senior", "page": "abc"}, {"page": "999"}):
        assert client.get(reverse("search"), params).status_code == 200


def test_validation_error_messages_are_czech(home):
    with pytest.raises(ValidationError) as excinfo:
        ContentPage(title="", slug="").full_clean()
    assert excinfo.value.message_dict["title"] == ["Pole nemůže být prázdné."]
