"""Clean addresses (issue 14 item 9): new pages get ASCII slugs transliterated from the
Czech title, separators in the title stay separators, existing pages keep their slug."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ContentPage
from kpss_pages.core.models import SectionPage
from kpss_pages.core.slugs import ascii_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Pozvánka", "pozvanka"),
        ("Pozvánka na setkání: Senioři", "pozvanka-na-setkani-seniori"),
        ("1/2026", "1-2026"),
        ("Zpravodaj 1/2026", "zpravodaj-1-2026"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy", "prilis-zlutoucky-kun-upel-dabelske-ody"),
        ("  Čtvrtletí – 2. pololetí  ", "ctvrtleti-2-pololeti"),
        ("Łódź", "lodz"),
    ],
)
def test_ascii_slug(title, slug):
    assert ascii_slug(title) == slug


def test_reference_site_does_not_allow_unicode_slugs():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def _new(parent, model, title, slug=""):
    page = model(title=title, slug=slug)
    parent.add_child(instance=page)
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("allow_unicode", [True, False])
def test_new_page_without_slug_gets_ascii_slug(home, allow_unicode):
    # A host that keeps Wagtail's default (Unicode slugs) gets the same addresses.
    with override_settings(WAGTAIL_ALLOW_UNICODE_SLUGS=allow_unicode):
        assert _new(home, SectionPage, "Pozvánka").slug == "pozvanka"
        assert _new(home, ContentPage, "1/2026").slug == "1-2026"
        assert _new(home, ContentPage, "1/2026").slug == "1-2026-2"


@pytest.mark.parametrize(
    "typed_by_wagtail",
    [
        "pozvánka-na-setkání-12026",
        "pozvanka-na-setkani-12026",
    ],  # Wagtail's JS, with/without Unicode
)
def test_slug_that_wagtail_made_from_the_title_is_replaced(home, typed_by_wagtail):
    page = _new(home, SectionPage, "Pozvánka na setkání 1/2026", slug=typed_by_wagtail)
    assert page.slug == "pozvanka-na-setkani-1-2026"
    assert page.url_path.endswith("/pozvanka-na-setkani-1-2026/")


def test_slug_typed_by_editor_is_kept(home):
    assert _new(home, SectionPage, "Pozvánka na setkání", slug="setkani").slug == "setkani"


def test_existing_page_keeps_its_slug(home):
    page = _new(home, SectionPage, "Stará stránka", slug="stará-stránka")
    page.slug = "stará-stránka"  # as it was saved before the change
    SectionPage.objects.filter(pk=page.pk).update(slug="stará-stránka")
    page.refresh_from_db()
    page.title = "Stará stránka 1/2026"
    page.save()
    page.refresh_from_db()
    assert page.slug == "stará-stránka"


def test_page_created_in_admin(home, admin_client):
    # The slug as Wagtail's JavaScript fills it in while the title is typed ("/" dropped).
    url = reverse("wagtailadmin_pages:add", args=["kpss_core", "sectionpage", home.pk])
    data = nested_form_data(
        {
            "title": "Zpráva o činnosti 1/2026",
            "slug": "zprava-o-cinnosti-12026",
            "lead": "",
            "body": streamfield([]),
        }
    )
    data["show_subpages"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert (
        SectionPage.objects.get(title="Zpráva o činnosti 1/2026").slug == "zprava-o-cinnosti-1-2026"
    )
