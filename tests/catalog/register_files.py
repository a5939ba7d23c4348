"""Register files for importer tests, built from the real fragments of rpss.json kept in
../shared/data/mpsv (nesting, key names and code formats exactly as the MPSV publishes)."""

import copy
import json
import os
from pathlib import Path

import pytest
from django.conf import settings

SHARED = Path(os.environ.get("KPSS_SHARED_DIR") or Path(settings.BASE_DIR).parent / "shared")
FRAGMENTS = SHARED / "data" / "mpsv" / "rpss_raw_format_fragments.json"


def fragments():
    if not FRAGMENTS.is_file():
        pytest.skip(f"register fragments not found: {FRAGMENTS} (shared reference data folder)")
    return json.loads(FRAGMENTS.read_text("utf-8"))


def service_item(identifikator="1234567", obec="Obec/999101", **overrides):
    """One register item with every top-level key of the real file."""
    frag = fragments()
    address = copy.deepcopy(frag["zarizeniAdresaExample"])
    address["obec"] = {"id": obec}
    item = {key: None for key in frag["serviceTopLevelKeys"]}
    item.update(
        {
            "portalId": 100000 + int(identifikator[-5:]),
            "id": f"SocialniSluzba/{identifikator}",
            "identifikator": identifikator,
            "datumPoskytovaniOd": "2016-09-01",
            "datumPoskytovaniDo": None,
            "kontaktniAdresy": [],
            "druhSocialniSluzby": {"id": "DruhSocialniSluzby/13"},
            "zarizeni": [
                {
                    "nazev": "Domov Na Výsluní",
                    "poskytujeOd": "2016-09-01",
                    "poskytujeDo": None,
                    "utajenaAdresa": False,
                    "adresa": address,
                },
                # the same facility twice, as in the real file
                {
                    "nazev": "Domov Na Výsluní",
                    "poskytujeOd": "2016-09-01",
                    "poskytujeDo": None,
                    "utajenaAdresa": False,
                    "adresa": copy.deepcopy(address),
                },
            ],
            "poskytovatel": {
                "ico": "00064581",
                "nazev": "Sociální služby Ostrov, příspěvková organizace",
                "weby": copy.deepcopy(frag["contactArraysExample"]["weby"]),
                "statutarniOrgany": [{"jmeno": "Jana", "prijmeni": "Statutárníková"}],
            },
            "emaily": [{"email": "domov@ostrov.example", "poznamka": None}],
            "telefony": [{"telefon": "555000123", "poznamka": None}],
            "faxy": [],
            "weby": [{"web": "https://domov.ostrov.example", "poznamka": None}],
            "ciloveSkupiny": [
                {"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}},
                {"cilovaSkupina": {"id": "CilovaSkupinaOsoby/99"}},  # not yet known
            ],
            "vekoveSkupiny": [],
            "doplnujiciInformaceVekoveSkupiny": None,
            "formy": copy.deepcopy(frag["formyExample"]),
            "rozsirenePusobnostiVKraji": [],
            "doplnkoveUdaje": {},
        }
    )
    item.update(overrides)
    return item


def write(tmp_path, items, name="rpss.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"polozky": items}, ensure_ascii=False), "utf-8")
    return path
