"""The shared samples of ../shared/data/plone: plone.exportimport's directory and
plone.restapi's documented items."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from kpss_pages.core.models import SectionPage
from kpss_pages.plone.models import PloneItem

SHARED = Path(os.environ.get("KPSS_SHARED_DIR") or Path(settings.BASE_DIR).parent / "shared")
PLONE = SHARED / "data" / "plone"

pytestmark = pytest.mark.skipif(not PLONE.is_dir(), reason="../shared/data/plone is missing")


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_plone", *map(str, args), stdout=out)
    return out.getvalue()


def test_plone6_directory(home):
    out = run(PLONE / "plone6-directory")
    page = SectionPage.objects.get(title="Images")
    assert page.get_parent().pk == home.pk
    assert page.live and not page.show_in_menus  # published, exclude_from_nav
    image = get_image_model().objects.get(title="Plone Foundation Logo")
    assert image.width == 2000
    assert PloneItem.objects.count() == 2
    # /images is the page's new address too: no redirect (it would loop), but /images/view
    assert not Redirect.objects.filter(old_path="/images").exists()
    assert Redirect.objects.filter(old_path="/images/view", redirect_page=page).exists()
    assert Redirect.objects.filter(old_path="/images/plone-foundation.png").exists()
    assert "Plone Site" in out  # the site root: reported, not imported
    # The Volto page's listing block (an image gallery of the Images below /images) became
    # the image in its place
    assert [b["type"] for b in page.body.raw_data] == ["image"]
    assert page.body.raw_data[0]["value"]["image"]["image"] == image.pk
    assert page.body.raw_data[0]["value"]["image"]["alt_text"] == "Plone Foundation Logo"
    assert "listing" not in out
    # Second run: nothing new
    out = run(PLONE / "plone6-directory")
    assert SectionPage.objects.filter(title="Images").count() == 1
    assert list(SectionPage.objects.get(title="Images").body.raw_data) == list(page.body.raw_data)
    assert get_image_model().objects.count() == 1
    assert PloneItem.objects.count() == 2


def test_restapi_items_as_single_file(home, tmp_path):
    items = []
    for name in ("folder", "document", "newsitem", "event", "link", "collection", "file", "image"):
        item = json.loads((PLONE / "restapi" / f"{name}.json").read_text())
        item["UID"] = f"{name}-uid"
        items.append(item)
    export = tmp_path / "Plone.json"
    export.write_text(json.dumps(items))
    out = run(export, "--report", tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text())
    actions = {row["old_path"]: row["action"] for row in report["items"] if row["portal_type"]}
    assert actions["/folder"] == "created"
    assert actions["/front-page"] == "created"
    assert actions["/collection"] == "skipped"
    # the REST API's File and Image carry only a download URL: reported, not fatal
    assert actions["/file"] == "skipped" and actions["/image"] == "skipped"
    assert actions["/link"] == "created"
    assert Redirect.objects.get(old_path="/link").redirect_link == "http://localhost:55001/plone"
    assert "Dry run" not in out
