#!/usr/bin/env python
"""Benchmarks of the catalogue at national scale (not tests; results in bench/README.md).

    export DATABASE_URL=sqlite:////tmp/bench.sqlite3   # or postgres://…
    .venv/bin/python bench/catalog_bench.py generate REGISTER.json
    .venv/bin/python bench/catalog_bench.py measure REGISTER.json

`generate` migrates the database, fills it with a catalogue of 6,733 services (~19,000
facilities, 600 municipalities, realistic vocabulary spread) and writes a matching register
file in the MPSV format. `measure` prints the median server time of catalogue pages, the
import of the register file and the PDF of 500 services.
"""

import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss_site.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

SERVICES = 6733
MUNICIPALITIES = 600
PDF_RUNS = 5
# share of services per register type code (roughly as in the national register)
TYPE_WEIGHTS = {
    "DruhSocialniSluzby/1": 12,
    "DruhSocialniSluzby/3": 4,
    "DruhSocialniSluzby/4": 12,
    "DruhSocialniSluzby/5": 1,
    "DruhSocialniSluzby/6": 1,
    "DruhSocialniSluzby/8": 5,
    "DruhSocialniSluzby/9": 1,
    "DruhSocialniSluzby/10": 4,
    "DruhSocialniSluzby/11": 1,
    "DruhSocialniSluzby/12": 3,
    "DruhSocialniSluzby/13": 8,
    "DruhSocialniSluzby/14": 6,
    "DruhSocialniSluzby/15": 3,
    "DruhSocialniSluzby/18": 1,
    "DruhSocialniSluzby/19": 1,
    "DruhSocialniSluzby/23": 1,
    "DruhSocialniSluzby/28": 8,
    "DruhSocialniSluzby/29": 4,
    "DruhSocialniSluzby/30": 3,
    "DruhSocialniSluzby/32": 3,
    "DruhSocialniSluzby/33": 5,
}
GROUPS = [
    "CilovaSkupinaOsoby/24",
    "CilovaSkupinaOsoby/26",
    "CilovaSkupinaOsoby/27",
    "CilovaSkupinaOsoby/30",
] + [f"CilovaSkupinaOsoby/{n}" for n in range(1, 20)]
FORMS = ["pob", "amb", "ter"]
WORDS = [
    "Domov",
    "Centrum",
    "Poradna",
    "Služba",
    "Klub",
    "Dům",
    "Charita",
    "Pomoc",
    "Senior",
    "Rodina",
    "Naděje",
    "Slunce",
    "Krok",
    "Most",
    "Lípa",
    "Jaro",
    "Podpora",
    "Péče",
]


def ico(seed):
    from catalog.models.validators import ico_is_valid

    base = f"{seed:07d}"
    return next(base + str(d) for d in range(10) if ico_is_valid(base + str(d)))


def register_item(n, rnd, towns):
    type_code = rnd.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
    town = rnd.choice(towns)
    facilities = []
    for f in range(rnd.choice([1, 1, 2, 3, 4, 6])):
        facility_town = town if f == 0 else rnd.choice(towns)
        facilities.append(
            {
                "nazev": f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {n}-{f}",
                "poskytujeOd": "2015-01-01",
                "poskytujeDo": None,
                "utajenaAdresa": False,
                "adresa": {
                    "cisloDomovni": rnd.randint(1, 3000),
                    "cisloOrientacni": str(rnd.randint(1, 90)),
                    "kodAdresnihoMista": 10_000_000 + n * 10 + f,
                    "psc": f"{rnd.randint(10000, 79999)}",
                    "obec": {"id": facility_town},
                    "kraj": {"id": "Kraj/51"},
                    "okres": {"id": "Okres/3402"},
                    "castObce": {"id": "CastObce/405507"},
                    "ulice": {"nazev": f"{rnd.choice(WORDS)}ova"},
                },
            }
        )
    facilities.append(dict(facilities[0]))  # duplicates occur in the real file
    forms = rnd.sample(FORMS, rnd.choice([1, 1, 2]))
    return {
        "portalId": 200000 + n,
        "id": f"SocialniSluzba/{n}",
        "identifikator": f"{1000000 + n}",
        "datumPoskytovaniOd": "2015-01-01",
        "datumPoskytovaniDo": "2025-12-31" if n % 97 == 0 else None,
        "kontaktniAdresy": [],
        "druhSocialniSluzby": {"id": type_code},
        "zarizeni": facilities,
        "poskytovatel": {
            "ico": ico(3_000_000 + n // 3),
            "nazev": f"Poskytovatel {n // 3} z. s.",
            "weby": [{"web": f"https://p{n // 3}.example", "poznamka": None}],
            "statutarniOrgany": [{"jmeno": "Jan", "prijmeni": "Novák"}],
        },
        "emaily": [{"email": f"s{n}@p.example", "poznamka": None}],
        "telefony": [{"telefon": f"555{n:06d}", "poznamka": None}],
        "faxy": [],
        "weby": [{"web": f"https://s{n}.example", "poznamka": None}],
        "ciloveSkupiny": [
            {"cilovaSkupina": {"id": g}} for g in rnd.sample(GROUPS, rnd.randint(1, 4))
        ],
        "vekoveSkupiny": [],
        "doplnujiciInformaceVekoveSkupiny": "bez omezení věku " * 3,
        "formy": [
            {
                "forma": {"id": f"FormaSocialniSluzby/{f}"},
                "nepretrzitePoskytovani": f == "pob",
                "casoveRozsahy": None,
                "kapacity": [
                    {
                        "pocet": rnd.randint(1, 120),
                        "popis": "Maximální kapacita " * 4,
                        "typ": {"id": "TypKapacitySocialniSluzby/klient"},
                    }
                ],
            }
            for f in forms
        ],
        "rozsirenePusobnostiVKraji": [{"obec": {"id": rnd.choice(towns)}}],
        "doplnkoveUdaje": {
            "realizacePoskytovani": [
                {"priloha": {"url": f"https://www.mpsv.cz/agportal-server/rest/documents/{n}-{k}"}}
                for k in range(20)
            ]
        },
    }


def generate(register_path):
    from catalog.importer import import_register
    from catalog.models import Municipality

    call_command("migrate", verbosity=0)
    rnd = random.Random(42)
    towns = [f"Obec/{500000 + i}" for i in range(MUNICIPALITIES)]
    Municipality.objects.bulk_create(
        [
            Municipality(name=f"Obec {i}", slug=f"obec-{i}", code=code, order=i)
            for i, code in enumerate(towns)
        ],
        ignore_conflicts=True,
    )
    with open(register_path, "w", encoding="utf-8") as out:
        out.write('{"polozky": [\n')
        for n in range(SERVICES):
            out.write(
                ("," if n else "")
                + json.dumps(register_item(n, rnd, towns), ensure_ascii=False)
                + "\n"
            )
        out.write("]}\n")
    size = Path(register_path).stat().st_size / 1e6
    print(f"register file: {register_path} ({size:.0f} MB)")
    # the catalogue itself is built by the importer from the same file (first import)
    start = time.perf_counter()
    with open(register_path, "rb") as fileobj:
        report = import_register(fileobj, set(towns))
    print(
        f"first import (creates the catalogue): {time.perf_counter() - start:.1f} s, "
        f"{len(report.new)} new"
    )
    from catalog.models import Service, ServicePlace

    print(f"services: {Service.objects.count()}, facilities: {ServicePlace.objects.count()}")
    # free tags on a fifth of the services
    tagged = list(Service.objects.order_by("pk")[::5])
    with transaction.atomic():
        for i, service in enumerate(tagged):
            service.tags.add(["bezbariérový přístup", "zdarma", "nonstop", "znakový jazyk"][i % 4])


def median_ms(client, url, params, runs=15, cold=False):
    """Median time of a GET; ``cold`` clears the cache (facet counts, search) before each."""
    from django.core.cache import cache

    client.get(url, params)  # warm up
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def measure(register_path):
    from catalog.importer import import_register
    from catalog.models import CatalogPage, Municipality, ServiceForm
    from catalog.pdf import build_context, catalogue_services
    from kpss_pages.core.pdf import render_pdf
    from tests.factories import add_page, make_site

    settings.ALLOWED_HOSTS = ["*"]
    page = CatalogPage.objects.first()
    if page is None:
        home = make_site()
        page = add_page(home, CatalogPage, title="Katalog", slug="katalog")
    client = Client()
    vendor = connection.vendor
    form = ServiceForm.objects.get(code="FormaSocialniSluzby/ter").pk
    town = Municipality.objects.get(slug="obec-7").slug
    cases = {
        "unfiltered list": {},
        "3 facets (group, form, municipality)": {"skupina": "seniori", "forma": form, "obec": town},
        "search “domov seniory”": {"q": "domov seniory"},
    }
    print(f"## {vendor}")
    for label, params in cases.items():
        cold = median_ms(client, page.url, params, runs=7, cold=True)
        warm = median_ms(client, page.url, params)
        print(f"{label}: median {warm:.0f} ms (cached counts), {cold:.0f} ms (cold cache)")
    detail = page.url + page.reverse_subpage("service", kwargs={"pk": 1, "slug": "x"})
    client.get(detail)
    from catalog.models import Service

    service = Service.objects.order_by("pk").first()
    print(f"detail page: median {median_ms(client, page.service_url(service), {}):.0f} ms")
    # the PDF before the import: the import's parsed register would stay on the heap and
    # slow the PDF's garbage collection, which a web or worker process would not see
    services = list(catalogue_services()[:500])
    times = []
    for _ in range(PDF_RUNS):  # one render varies by a quarter with the host's load
        start = time.perf_counter()
        pdf = render_pdf("catalog/pdf/catalogue.html", build_context(services, title="Katalog"))
        times.append(time.perf_counter() - start)
    print(
        f"PDF of {len(services)} services: median {statistics.median(times):.1f} s "
        f"of {PDF_RUNS} (range {min(times):.1f}–{max(times):.1f} s), {len(pdf) / 1e6:.1f} MB"
    )
    towns = set(Municipality.objects.exclude(code="").values_list("code", flat=True))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with open(register_path, "rb") as fileobj:
        report = import_register(fileobj, towns)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = Path(register_path).stat().st_size / 1e6
    print(
        f"re-import of {size:.0f} MB register ({report.read} services, {report.in_area} in area): "
        f"{elapsed:.1f} s, changed {len(report.changed)}, peak RSS {peak / 1024:.0f} MB "
        f"(+{(peak - before) / 1024:.0f} MB)"
    )
    start = time.perf_counter()
    with open(register_path, "rb") as fileobj:
        import_register(fileobj, {"Obec/500007"}, dry_run=True)
    print(f"dry run for one municipality: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    command, register = sys.argv[1], sys.argv[2]
    {"generate": generate, "measure": measure}[command](register)
