import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import CatalogPage, Municipality, ServiceContact
from tests.catalog.builders import make_provider, make_service
from tests.factories import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(home):
    return add_page(home, CatalogPage, title="Katalog služeb", slug="katalog-sluzeb")


@pytest.fixture
def towns():
    return (
        Municipality.objects.create(name="Ostrov nad Vlčinou", slug="ostrov", code="Obec/999101"),
        Municipality.objects.create(name="Lipník u Vlčiny", slug="lipnik", code="Obec/999102"),
    )


@pytest.fixture
def services(towns):
    ostrov, lipnik = towns
    provider = make_provider(
        "Charita Ostrov", email="charita@ostrov.example", web="https://charita.example"
    )
    return {
        "domov": make_service(
            "Domov pro seniory Lipka",
            provider,
            municipalities=[ostrov],
            tags=["bezbariérový přístup"],
            description="Pobytová péče pro seniory.",
            last_verified=datetime.date(2026, 3, 2),
        ),
        "poradna": make_service(
            "Občanská poradna",
            type_code="DruhSocialniSluzby/1",
            forms=["FormaSocialniSluzby/amb"],
            register_groups=[],
            groups=["osoby-ohrozene-socialnim-vyloucenim"],
            municipalities=[ostrov, lipnik],
            tags=["zdarma"],
        ),
        "pecovatelska": make_service(
            "Pečovatelská služba Lipník",
            type_code="DruhSocialniSluzby/4",
            forms=["FormaSocialniSluzby/ter"],
            municipalities=[lipnik],
            tags=["zdarma"],
        ),
        "konec": make_service("Ukončená služba", is_ended=True, municipalities=[ostrov]),
    }


def names(response):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def facet_count(response, label):
    match = re.search(
        re.escape(label) + r' <span class="catalog-facet__count">\((\d+)', response.content.decode()
    )
    return int(match.group(1)) if match else None


def test_list_shows_active_services_with_facet_counts(client, catalog, services):
    response = client.get(catalog.url)
    assert response.status_code == 200
    assert names(response) == [
        "Domov pro seniory Lipka",
        "Občanská poradna",
        "Pečovatelská služba Lipník",
    ]
    assert facet_count(response, "Domovy pro seniory") == 1
    assert facet_count(response, "Senioři") == 2  # via register group CilovaSkupinaOsoby/24
    assert facet_count(response, "Osoby ohrožené sociálním vyloučením") == 1  # direct link
    assert facet_count(response, "Lipník u Vlčiny") == 2
    assert facet_count(response, "zdarma") == 2


def test_filters_combine_and_counts_follow(client, catalog, services):
    response = client.get(catalog.url, {"obec": "lipnik", "stitek": "zdarma"})
    assert names(response) == ["Občanská poradna", "Pečovatelská služba Lipník"]
    response = client.get(catalog.url, {"obec": "lipnik", "skupina": "seniori"})
    assert names(response) == ["Pečovatelská služba Lipník"]
    assert facet_count(response, "Senioři") == 1
    type_id = services["poradna"].service_type_id
    response = client.get(catalog.url, {"druh": [str(type_id)], "forma": []})
    assert names(response) == ["Občanská poradna"]
    # other values of the same facet keep their counts so they can be added
    assert facet_count(response, "Domovy pro seniory") == 1


def test_each_selection_has_its_own_page_title(client, catalog, services, towns):
    def title(params=None):
        html = client.get(catalog.url, params or {}).content.decode()
        return re.search(r"<title>(.*?)(?: \||</title>)", html, re.S).group(1).strip()

    assert title() == "Katalog služeb"
    assert (
        title({"obec": "lipnik", "stitek": "zdarma"}) == "Katalog služeb – Lipník u Vlčiny, zdarma"
    )
    assert title({"q": "poradna"}) == "Katalog služeb – hledání „poradna“"
    for number in range(30):
        make_service(f"Služba {number:02d}", municipalities=[towns[0]])
    assert title({"page": "2"}) == "Katalog služeb (strana 2)"
    assert title({"page": "x"}) == "Katalog služeb"


def test_search_ignores_diacritics_and_case(client, catalog, services):
    for query in ("seniori", "SENIOŘI", "senioři"):
        found = names(client.get(catalog.url, {"q": query}))
        assert sorted(found) == ["Domov pro seniory Lipka", "Pečovatelská služba Lipník"], query
    assert names(client.get(catalog.url, {"q": "LIPKA"})) == ["Domov pro seniory Lipka"]
    assert names(client.get(catalog.url, {"q": "pece seniory"})) == ["Domov pro seniory Lipka"]
    assert names(client.get(catalog.url, {"q": "poradna", "obec": "lipnik"})) == [
        "Občanská poradna"
    ]
    # an unfinished word finds what the whole word finds
    assert sorted(names(client.get(catalog.url, {"q": "senio"}))) == [
        "Domov pro seniory Lipka",
        "Pečovatelská služba Lipník",
    ]
    assert names(client.get(catalog.url, {"q": "pecovatelska lip"})) == [
        "Pečovatelská služba Lipník"
    ]
    response = client.get(catalog.url, {"q": "nic takového neexistuje"})
    assert response.status_code == 200 and names(response) == []
    assert "Žádná služba neodpovídá" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"druh": "999999"},
        {"druh": "abc", "forma": "-1", "obec": "neni", "skupina": "x" * 500},
        {"page": "abc"},
        {"page": "99999"},
        {"q": "ž" * 5000},
        {"razeni": "'; drop table"},
        {"cilova": "1" * 40},
        {"q": "\x00"},
    ],
)
def test_bad_query_strings_give_normal_page(client, catalog, services, params):
    response = client.get(catalog.url, params)
    assert response.status_code == 200
    assert "<h1>Katalog služeb</h1>" in response.content.decode()


def test_sort_and_pagination(client, catalog, towns):
    catalog.per_page = 5
    catalog.save()
    for i in range(12):
        make_service(
            f"Služba {i:02d}", last_verified=datetime.date(2026, 1, 1) + datetime.timedelta(days=i)
        )
    first = client.get(catalog.url)
    assert names(first) == [f"Služba {i:02d}" for i in range(5)]
    third = client.get(catalog.url, {"page": "3"})
    assert names(third) == ["Služba 10", "Služba 11"]
    newest = client.get(catalog.url, {"razeni": "overeno"})
    assert names(newest)[0] == "Služba 11"
    html = first.content.decode()
    assert 'href="?page=2"' in html


def _count_list_queries(client, url, params=None):
    cache.clear()  # measure the uncached path (facet counts and search are cached)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params", [{}, {"q": "služba", "obec": "ostrov"}, {"skupina": "seniori", "stitek": "a"}]
)
def test_list_query_count_does_not_grow(client, catalog, towns, params):
    def add(n):
        for i in range(n):
            make_service(f"Služba {i}", municipalities=towns, tags=[f"t{i % 3}", "a"], places=2)

    add(5)
    _count_list_queries(client, url=catalog.url)  # warm up per-process caches
    small = _count_list_queries(client, catalog.url, params)
    add(15)
    assert _count_list_queries(client, catalog.url, params) == small


def test_detail_page(client, catalog, services):
    domov = services["domov"]
    ServiceContact.objects.create(
        service=domov, role="sociální pracovnice", phone="+420 555 000 123"
    )
    url = catalog.service_url(domov)
    assert re.search(rf"/katalog-sluzeb/sluzba/{domov.pk}-domov-pro-seniory-lipka/$", url)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Domov pro seniory Lipka</h1>" in html
    assert "sociální pracovnice" in html and "+420 555 000 123" in html
    assert "https://www.openstreetmap.org/search?query=" in html
    assert "<iframe" not in html
    assert "2. 3. 2026" in html  # last verified
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Service" and data["name"] == "Domov pro seniory Lipka"
    assert data["provider"]["name"] == "Charita Ostrov"
    assert {"@type": "Audience", "audienceType": "Senioři"} in data["audience"]
    assert data["availableChannel"][0]["serviceLocation"]["address"]["addressCountry"] == "CZ"


def test_detail_redirects_wrong_slug_and_404s_unknown(client, catalog, services):
    domov = services["domov"]
    wrong = client.get(f"{catalog.url}sluzba/{domov.pk}-spatny-nazev/")
    assert wrong.status_code == 301 and wrong["Location"].endswith("domov-pro-seniory-lipka/")
    assert client.get(f"{catalog.url}sluzba/{domov.pk}/").status_code == 301
    assert client.get(f"{catalog.url}sluzba/99999-nic/").status_code == 404
    ended = client.get(catalog.service_url(services["konec"]))
    assert "již neposkytuje" in ended.content.decode()


def test_detail_query_count_does_not_grow(client, catalog, towns, uncached_pages):
    small = make_service("Malá", municipalities=towns[:1], places=1, tags=["a"])
    big = make_service("Velká", municipalities=towns, places=6, tags=["a", "b", "c", "d"])
    for _ in range(4):
        ServiceContact.objects.create(service=big, role="vedoucí")

    def count(service):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(catalog.service_url(service)).status_code == 200
        return len(ctx.captured_queries)

    count(small)  # warm up per-process caches (site root, settings)
    assert count(small) == count(big)


def test_home_page_has_catalogue_search(client, home, catalog):
    html = client.get(home.url).content.decode()
    assert f'action="{catalog.url}"' in html
    assert 'name="q"' in html


def test_services_for_target_group_tag(rf, catalog, services):
    from django.template import Context, Template

    from catalog.models import TargetGroup

    request = rf.get("/")
    template = Template("{% load catalog_tags %}{% services_for_target_group group %}")
    seniors = template.render(
        Context({"group": TargetGroup.objects.get(slug="seniori"), "request": request})
    )
    assert "Domov pro seniory Lipka" in seniors and "Pečovatelská služba Lipník" in seniors
    assert "Občanská poradna" not in seniors and "Ukončená služba" not in seniors
    assert f"{catalog.url}?skupina=seniori" in seniors
    assert catalog.service_url(services["domov"]) in seniors
    excluded = TargetGroup.objects.get(slug="osoby-ohrozene-socialnim-vyloucenim")
    assert "Občanská poradna" in template.render(Context({"group": excluded, "request": request}))
    empty = TargetGroup.objects.get(slug="cizinci-a-mensiny")
    assert "<section" not in template.render(Context({"group": empty, "request": request}))


def test_cached_counts_follow_changes(client, catalog, services):
    assert facet_count(client.get(catalog.url), "zdarma") == 2
    assert facet_count(client.get(catalog.url), "zdarma") == 2  # served from the cache
    make_service("Nová služba zdarma", tags=["zdarma"])
    assert facet_count(client.get(catalog.url), "zdarma") == 3
    assert "Nová služba zdarma" in names(client.get(catalog.url, {"q": "nova"}))
    poradna = services["poradna"]
    assert "Občanská poradna" in names(client.get(catalog.url))  # the results are cached too
    poradna.is_ended = True
    poradna.save()
    response = client.get(catalog.url)
    assert facet_count(response, "zdarma") == 2
    assert "Občanská poradna" not in names(response)


def test_vocabulary_edits_reach_the_cached_facets(client, catalog, services, towns):
    ostrov, _lipnik = towns
    assert facet_count(client.get(catalog.url), "Ostrov nad Vlčinou") == 2
    ostrov.name = "Ostrov u Vlčiny"
    ostrov.save()  # vocabulary rows have no timestamps: a signal moves the cache version
    response = client.get(catalog.url)
    assert facet_count(response, "Ostrov u Vlčiny") == 2
    assert facet_count(response, "Ostrov nad Vlčinou") is None


def test_search_ranks_name_matches_first_and_respects_filters(client, catalog, towns):
    ostrov, lipnik = towns
    make_service("Služba Alfa", description="Nabízíme i odlehčovací pobyty pro pečující.")
    make_service("Odlehčovací služba Beta", municipalities=[lipnik])
    make_service("Odlehčovací služba Gama", municipalities=[ostrov])
    ranked = names(client.get(catalog.url, {"q": "odlehcovaci"}))
    assert sorted(ranked[:2]) == ["Odlehčovací služba Beta", "Odlehčovací služba Gama"]
    assert ranked[2:] == ["Služba Alfa"]
    assert names(client.get(catalog.url, {"q": "odlehcovaci", "obec": "lipnik"})) == [
        "Odlehčovací služba Beta"
    ]


def test_detail_prints_the_providers_legal_form_once(client, catalog, towns):
    provider = make_provider(
        "Domov U Lip, příspěvková organizace", legal_form="příspěvková organizace"
    )
    other = make_provider("Slunovrat", legal_form="obecně prospěšná společnost")
    html = client.get(catalog.service_url(make_service(provider=provider))).content.decode()
    assert "Domov U Lip, příspěvková organizace<br>" in html
    assert "příspěvková organizace, příspěvková organizace" not in html
    html = client.get(catalog.service_url(make_service(provider=other))).content.decode()
    assert "Slunovrat, obecně prospěšná společnost<br>" in html
