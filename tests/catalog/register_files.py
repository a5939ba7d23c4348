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


def _deep(levels):
    return "[" * levels + "]" * levels


# Files that are not register files: each must stop the import with a Czech message,
# write nothing and never end in a traceback (text → file content).
NOT_REGISTER_FILES = {
    "truncated": lambda good: good[: len(good) // 2],
    "not json": lambda good: "toto není JSON",
    "empty": lambda good: "",
    "only whitespace": lambda good: "   \n",
    "null root": lambda good: "null",
    "array root": lambda good: "[1, 2]",
    "string root": lambda good: '"polozky"',
    "no polozky": lambda good: json.dumps({"items": []}),
    "polozky not a list": lambda good: json.dumps({"polozky": {"a": 1}}),
    "polozky a string": lambda good: json.dumps({"polozky": "x"}),
    "deep nesting at the root": lambda good: '{"polozky": ' + _deep(200_000) + "}",
    "deep nesting in an item": lambda good: (
        '{"polozky": [{"identifikator": "1234567", "zarizeni": ' + _deep(200_000) + "}]}"
    ),
    "deep nesting of objects": lambda good: (
        '{"polozky": [' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "]}"
    ),
    "trailing garbage": lambda good: good + "}}}",
    "binary": lambda good: "\x00\x01\x02PK\x03\x04",
}

# Records that cannot be read, inside an otherwise good register file (item → item): each
# must be listed (position, identifier, reason) and skipped while the rest is imported.
BAD_RECORDS = {
    "not an object": lambda item: 1,
    "a list": lambda item: [item],
    "bad identifier": lambda item: {**item, "identifikator": "12"},
    "identifier an object": lambda item: {**item, "identifikator": {"x": 1}},
    "bad date": lambda item: {**item, "datumPoskytovaniOd": "zítra"},
    "date a number": lambda item: {**item, "datumPoskytovaniDo": 20160901},
    "no type": lambda item: {**item, "druhSocialniSluzby": None},
    "type a string": lambda item: {**item, "druhSocialniSluzby": "DruhSocialniSluzby/13"},
    "provider a string": lambda item: {**item, "poskytovatel": "Charita"},
    "facilities a string": lambda item: {**item, "zarizeni": "Domov"},
    "address a list": lambda item: {
        **item,
        "zarizeni": [{**item["zarizeni"][0], "adresa": ["Obec/999101"]}],
    },
    "street a string": lambda item: {
        **item,
        "zarizeni": [
            {**item["zarizeni"][0], "adresa": {**item["zarizeni"][0]["adresa"], "ulice": "Hlavní"}}
        ],
    },
    "forms an object": lambda item: {**item, "formy": {"forma": 1}},
    "capacity huge": lambda item: {
        **item,
        "formy": [{"forma": {"id": "FormaSocialniSluzby/pob"}, "kapacity": [{"pocet": 1e30}]}],
    },
    "contacts wrong": lambda item: {**item, "weby": "https://x.example", "emaily": [1, None]},
    "name an object": lambda item: {**item, "nazev": {"cs": "Domov"}},
    "groups wrong": lambda item: {**item, "ciloveSkupiny": [{"cilovaSkupina": [1]}, "x"]},
    "reach a number": lambda item: {**item, "rozsirenePusobnostiVKraji": 5},
}
