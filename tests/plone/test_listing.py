"""Volto listing blocks: the query resolved against the same export and converted into a
list of links in the block's place (issue 13)."""

import json
import shutil

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from kpss_pages.plone.listing import ListingError, ListingQuery
from kpss_pages.plone.models import PloneItem

from .conftest import DEMO, run


def page(slug):
    return Page.objects.get(slug=slug).specific


def text(p):
    return "".join(b["value"] for b in p.body.raw_data if b["type"] == "rich_text")


def links(html):
    """``(kind, id or href, text)`` of each link of the HTML, in order."""
    from bs4 import BeautifulSoup

    return [
        (a.get("linktype") or "url", a.get("id") or a.get("href"), a.get_text())
        for a in BeautifulSoup(html, "html.parser").find_all("a")
    ]


def assert_listings(volto):
    kp, groups, news = page("komunitni-planovani"), page("pracovni-skupiny"), page("aktuality")
    document = get_document_model().objects.get(title="Plán sociálních služeb 2024–2026")
    logo = get_image_model().objects.get(title="Logo města Lhotka")
    html = text(volto)
    # In blocks_layout order: the text, the first listing, the text after it, the second
    positions = [
        html.index("Kdo se schází"),
        html.index("<h2>Obsah sekce Komunitní plánování</h2>"),
        html.index("Co je u nás nového:"),
        html.index("<h3>Nejnovější aktuality</h3>"),
    ]
    assert positions == sorted(positions)
    first, second = html.split("Co je u nás nového:")
    # Children of /komunitni-planovani (relativePath ../../..::1) in their Plone order, then
    # the items without a position in the export's order; b_size (5) is a page size, not a cap
    assert links(first)[1:] == [
        ("page", str(kp.pk), "Úvod"),  # the folder's default page is the folder's page
        ("page", str(groups.pk), "Pracovní skupiny"),
        ("page", str(news.pk), "Aktuality"),
        ("document", str(document.pk), "Plán sociálních služeb 2024–2026"),
        ("url", logo.file.url, "Logo města Lhotka"),
        ("url", "https://www.kraj.example/socialni-sluzby", "Krajský portál sociálních služeb"),
    ]
    # News Items and Events under /komunitni-planovani, newest first (effective), limit 3:
    # the private news item is one of the three but is left out (and reported)
    assert links(second) == [
        ("page", str(page("zahajeni-planovani").pk), "Zahájení plánování"),
        ("page", str(page("setkani-seniorske-skupiny").pk), "Setkání seniorské skupiny"),
    ]


def test_listing_blocks_become_links_in_their_place(home, client, tmp_path):
    run(DEMO, "--report", tmp_path / "report.json")
    volto = page("o-skupine")
    assert_listings(volto)
    # …and visitors follow them to the imported pages
    response = client.get(volto.url)
    assert response.status_code == 200
    html = response.content.decode()
    for target in ("pracovni-skupiny", "aktuality", "zahajeni-planovani"):
        assert f'href="{page(target).url}"' in html
    assert "Připravujeme dotazník" not in html  # a draft is not listed
    assert_listings(volto.get_latest_revision_as_object())  # the editor sees the same
    rows = json.loads((tmp_path / "report.json").read_text())["items"]
    own = [r for r in rows if r["old_path"].endswith("/o-skupine")]
    reasons = [r["reason"] for r in own if r["action"] == "unresolved link"]
    assert reasons == [
        "výpis: položka /komunitni-planovani/vsechny-aktuality (Collection) nebyla importována",
        "výpis: položka /komunitni-planovani/anketa (FormFolder) nebyla importována",
        "výpis: položka /komunitni-planovani/aktuality/pripravujeme-dotaznik není zveřejněná, "
        "ve výpisu vynechána",
    ]
    created = next(r for r in own if r["action"] == "created")
    # The full-text listing cannot be resolved without the old site: reported, not converted
    assert "blok „listing“ nepřeveden" in created["reason"]
    assert "SearchableText" in created["reason"]


def test_listing_is_stable_on_a_second_run_and_in_a_dry_run(home, tmp_path):
    export = tmp_path / "lhotka"
    shutil.copytree(DEMO, export)
    run(export)
    before = page("o-skupine").body.raw_data
    items = PloneItem.objects.count()
    out = run(export)
    assert "Vytvořeno: 0" in out
    volto = page("o-skupine")
    assert [b["value"] for b in volto.body.raw_data] == [b["value"] for b in before]
    assert PloneItem.objects.count() == items
    # The item changed in Plone: the listing is resolved again, the page updated in place
    data_file = export / "content" / "17a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5" / "data.json"
    item = json.loads(data_file.read_text())
    item["modified"] = "2024-06-01T10:00:00+02:00"
    item["blocks"]["l2"]["querystring"]["limit"] = 1
    data_file.write_text(json.dumps(item))
    run(export)
    volto = page("o-skupine")
    assert "Setkání seniorské skupiny" not in text(volto)
    assert "Zahájení plánování" in text(volto)
    assert Page.objects.filter(slug="o-skupine").count() == 1


class FakeImporter:
    """The importer's index of a few items, for the query alone."""

    def __init__(self, entries, positions=None):
        from types import SimpleNamespace

        self.index = {e.uid: e for e in entries}
        self.paths = {e.path: e.uid for e in entries}
        self.source = SimpleNamespace(positions=positions or {})

    @staticmethod
    def old_path(path):
        path = "/" + path.strip("/")
        return path[len("/Plone") :] or "/" if path.startswith("/Plone") else path


def entries():
    from kpss_pages.plone.importer import Entry, _parse_date

    def entry(number, uid, path, portal_type="Document", **kwargs):
        parent = path.rsplit("/", 1)[0]
        parent_uid = {"/a": "A", "/a/b": "B", "": ""}.get(parent, "")
        for name in ("effective", "start"):
            if name in kwargs:
                kwargs[name] = _parse_date(kwargs[name])
        return Entry(
            uid=uid,
            portal_type=portal_type,
            url=path,
            parent_uid=parent_uid,
            modified=None,
            number=number,
            path=path,
            title=kwargs.pop("title", uid),
            **kwargs,
        )

    return [
        entry(0, "A", "/a", "Folder", title="Alfa"),
        entry(1, "B", "/a/b", "Folder", title="Beta", subjects=("senioři",)),
        entry(2, "C", "/a/b/c", "News Item", title="čtvrtek", effective="2024-01-02T10:00:00"),
        entry(3, "D", "/a/d", "News Item", title="Delta", effective="2024-03-01T10:00:00"),
        entry(4, "E", "/a/b/e", "Event", title="Echo", start="2024-02-01T10:00:00"),
        entry(5, "F", "/f", "Document", title="Foxtrot", subjects=("senioři", "rodiny")),
    ]


def resolve(query, context="B", **block):
    importer = FakeImporter(entries(), positions={"E": 0, "C": 1})
    return ListingQuery({"querystring": {"query": query, **block}}).resolve(
        importer, importer.index[context]
    )


PATH = "plone.app.querystring.operation.string."
ANY = "plone.app.querystring.operation.selection.any"


def test_listing_queries():
    # No criteria: the item's own contents in their folder order
    assert resolve([]) == ["E", "C"]
    # relativePath: '.' is the item itself, '..' its folder; depth after '::'
    assert resolve([{"i": "path", "o": PATH + "relativePath", "v": ".::1"}]) == ["C", "E"]
    assert resolve([{"i": "path", "o": PATH + "relativePath", "v": "..::1"}]) == ["B", "D"]
    # absolutePath without depth: the folder and everything below it; a physical path too
    assert resolve([{"i": "path", "o": PATH + "absolutePath", "v": "/Plone/a/b"}]) == [
        "B",
        "C",
        "E",
    ]
    assert resolve([{"i": "path", "o": PATH + "absolutePath", "v": "/a::0"}]) == ["A"]
    # a UID instead of a path; two path criteria are alternatives
    assert resolve(
        [
            {"i": "path", "o": PATH + "absolutePath", "v": "B::1"},
            {"i": "path", "o": PATH + "path", "v": "/f"},
        ]
    ) == ["C", "E", "F"]
    # types, keywords, sorting (dates, titles, reversed) and the limit
    news = [{"i": "portal_type", "o": ANY, "v": ["News Item"]}]
    assert resolve(news, sort_on="effective", sort_order="descending") == ["D", "C"]
    assert resolve(news, sort_on="effective", sort_order_boolean=True, limit="1") == ["D"]
    assert resolve(
        [
            {
                "i": "portal_type",
                "o": "plone.app.querystring.operation.selection.none",
                "v": ["Folder", "News Item"],
            }
        ],
        sort_on="sortable_title",
    ) == ["E", "F"]
    assert resolve(
        [
            {
                "i": "Subject",
                "o": "plone.app.querystring.operation.selection.all",
                "v": ["senioři", "rodiny"],
            }
        ]
    ) == ["F"]
    assert resolve([], context="A", sort_on="ignored", limit=1) == ["B"]
    assert resolve(
        [{"i": "path", "o": PATH + "absolutePath", "v": "/a"}], sort_on="sortable_title"
    ) == ["A", "B", "C", "D", "E"]


def test_queries_that_cannot_be_resolved():
    for query, message in [
        ([{"i": "SearchableText", "o": "string.contains", "v": "x"}], "SearchableText"),
        ([{"i": "effective", "o": "date.afterToday", "v": ""}], "effective .afterToday."),
        ([{"i": "path", "o": PATH + "absolutePath", "v": "0123abcd::1"}], "0123abcd"),
        ([{"i": "path", "o": PATH + "absolutePath", "v": ["/a"]}], "kritérium cesty"),
        ([{"i": "path", "o": PATH + "absolutePath", "v": "/a::x"}], "kritérium cesty"),
        ("nonsense", "dotaz nelze"),
    ]:
        with pytest.raises(ListingError, match=message):
            resolve(query)


def test_listing_of_its_contents_at_the_end_becomes_the_list_of_subpages(home, tmp_path):
    """The page's own list of subpages shows the same and stays up to date: a listing of
    the item's contents at the end of its page maps onto it; elsewhere on the page, or when
    some of the contents go elsewhere (articles to the news), it stays a list of links."""
    export = tmp_path / "lhotka"
    shutil.copytree(DEMO, export)

    def give_blocks(uid, *blocks):
        data_file = export / "content" / uid / "data.json"
        item = json.loads(data_file.read_text())
        item["blocks"] = {f"b{n}": block for n, block in enumerate(blocks)}
        item["blocks_layout"] = {"items": [f"b{n}" for n in range(len(blocks))]}
        data_file.write_text(json.dumps(item))

    def paragraph(words):
        return {"@type": "slate", "value": [{"type": "p", "children": [{"text": words}]}]}

    contents = {"@type": "listing", "headline": "Obsah", "querystring": {"query": []}}
    here = {
        "@type": "listing",
        "querystring": {
            "query": [{"i": "path", "o": PATH + "relativePath", "v": ".::1"}],
            "sort_on": "getObjPositionInParent",
        },
    }
    groups_uid, families_uid, seniors_uid = (
        "12a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5",
        "16a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5",
        "13a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5",
    )
    give_blocks(groups_uid, {"@type": "title"}, paragraph("Skupiny se scházejí."), here)
    give_blocks(families_uid, contents, paragraph("Přidejte se."))
    give_blocks(seniors_uid, paragraph("Senioři."), contents, {"@type": "title"})
    run(export, "--report", tmp_path / "report.json")

    groups = page("pracovni-skupiny")
    assert groups.show_subpages and "Skupiny se scházejí." in text(groups)
    assert links(text(groups)) == [] and "<h2>" not in text(groups)
    rows = json.loads((tmp_path / "report.json").read_text())["items"]
    notes = {r["old_path"]: r["reason"] for r in rows if r["action"] == "created"}
    assert (
        "výpis jejího obsahu převeden na seznam podstránek"
        in (notes["/komunitni-planovani/pracovni-skupiny"])
    )
    # Not at the end: a list of links in its place, before the text
    families = page("rodiny-s-detmi")
    html = text(families)
    assert html.index("<h2>Obsah</h2>") < html.index("Přidejte se.")
    assert links(html) == [("page", str(page("o-skupine").pk), "O skupině")]
    # At the end, but its Event became an article in the news: the links stay
    seniors = page("seniori")
    event = page("setkani-seniorske-skupiny")
    assert links(text(seniors)) == [("page", str(event.pk), "Setkání seniorské skupiny")]
