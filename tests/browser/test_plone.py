"""A page imported from Plone in a real browser: an old Plone address (printed in a leaflet)
leads to the page's new home, its converted text and internal links work. The import is
undone afterwards: other browser tests read the same demo."""

from io import StringIO

import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from kpss_pages.core.models import SectionPage
from kpss_pages.plone.models import PloneItem
from tests.plone.conftest import DEMO

pytestmark = pytest.mark.browser

MODELS = (Redirect, get_document_model(), get_image_model(), Tag)


@pytest.fixture
def imported(demo_server, django_db_blocker):
    with django_db_blocker.unblock():
        before = {model: set(model.objects.values_list("pk", flat=True)) for model in MODELS}
        home = Site.objects.get(is_default_site=True).root_page
        parent = SectionPage(title="Ze starého webu", slug="ze-stareho-webu")
        home.add_child(instance=parent)
        parent.save_revision().publish()
        call_command("import_plone", str(DEMO), "--parent", str(parent.pk), stdout=StringIO())
    try:
        yield parent
    finally:
        with django_db_blocker.unblock():
            SectionPage.objects.get(pk=parent.pk).delete()
            PloneItem.objects.all().delete()
            for model, pks in before.items():
                model.objects.exclude(pk__in=pks).delete()


def test_old_plone_address_leads_to_the_imported_page(page, imported):
    response = page.goto("/komunitni-planovani/uvod")
    assert response.ok
    assert page.url.endswith("/ze-stareho-webu/komunitni-planovani/")
    assert page.locator("h1").inner_text() == "Komunitní plánování"
    main = page.locator("main")
    assert "plánuje sociální služby společně" in main.inner_text()
    assert "alert" not in page.content()
    main.get_by_role("link", name="pracovních skupin").click()
    page.wait_for_url("**/ze-stareho-webu/komunitni-planovani/pracovni-skupiny/")
    assert page.locator("h1").inner_text() == "Pracovní skupiny"
    # A download address of the old site leads to the document
    response = page.request.get("/komunitni-planovani/plan-2024-2026.pdf/@@download/file")
    assert response.ok and response.headers["content-type"] == "application/pdf"
