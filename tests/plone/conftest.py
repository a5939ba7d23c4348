"""The reference site's Czech demo export (home/demo/plone/lhotka, plone.exportimport layout)
and the same content in collective.exportimport's layouts, derived from it."""

import base64
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

import home.demo

DEMO = Path(home.demo.__file__).parent / "plone" / "lhotka"
# collective.exportimport is usually run on the backend: @ids under its address and the
# site's id; the public address differs (given to the command as --old-url).
PORTAL_URL = "http://localhost:8080/Plone"
PUBLIC_URL = "https://www.lhotka-nad-vltavou.example"


def demo_items(base64_blobs=True):
    """The demo's items as collective.exportimport exports them: absolute @ids under the
    portal URL, blobs inline as base64."""
    meta = json.loads((DEMO / "content" / "__metadata__.json").read_text())
    items = []
    for name in meta["_data_files_"]:
        item = json.loads((DEMO / "content" / name).read_text())
        if item["@type"] == "Plone Site":
            continue
        item["@id"] = PORTAL_URL + item["@id"]
        parent = dict(item["parent"])
        parent["@id"] = PORTAL_URL + (parent["@id"] if parent["@id"] != "/" else "")
        item["parent"] = parent
        for field in ("file", "image"):
            value = item.get(field)
            if isinstance(value, dict) and "blob_path" in value and base64_blobs:
                data = (DEMO / "content" / value.pop("blob_path")).read_bytes()
                value.update(data=base64.b64encode(data).decode(), encoding="base64")
        items.append(item)
    return items


def side_files(directory):
    meta = json.loads((DEMO / "content" / "__metadata__.json").read_text())
    (directory / "export_defaultpages.json").write_text(
        json.dumps([{"uuid": uid, **value} for uid, value in meta["default_page"].items()])
    )
    (directory / "export_ordering.json").write_text(
        json.dumps([{"uuid": uid, "order": order} for uid, order in meta["ordering"].items()])
    )
    (directory / "export_redirects.json").write_text((DEMO / "redirects.json").read_text())


@pytest.fixture
def single_file(tmp_path):
    path = tmp_path / "Plone.json"
    path.write_text(json.dumps(demo_items(), ensure_ascii=False))
    side_files(tmp_path)
    return path


@pytest.fixture
def item_directory(tmp_path):
    directory = tmp_path / "Plone"
    directory.mkdir()
    for number, item in enumerate(demo_items(), start=1):
        (directory / f"{number}.json").write_text(json.dumps(item, ensure_ascii=False))
    side_files(directory)
    return directory


def run(*args):
    out = StringIO()
    call_command("import_plone", *map(str, args), stdout=out)
    return out.getvalue()
