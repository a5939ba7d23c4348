"""Plone's rich text (classic HTML or Volto blocks) → the plugin set's content blocks.

The HTML is parsed with BeautifulSoup, dangerous elements are removed with their content
(scripts, styles, frames, forms), links and images to other Plone items are resolved by a
``resolver`` (``resolveuid/<UID>``, a path or the old site's absolute address), images
become image blocks between the text blocks, and each piece of text goes through Wagtail's
own converter (``EditorHTMLConverter`` → ``DbWhitelister``) with the features the plugin
set's editors have, so attributes, inline styles, classes and unknown tags are dropped and
their text kept. Links that lead to nothing imported are returned for the report.
"""

import re
import uuid
from html import escape

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import linebreaks
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from kpss_pages.core.blocks import RICH_TEXT_FEATURES

# Removed with everything inside them: never content a visitor should get.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "template",
    "svg",
    "math",
    "head",
    "title",
    "meta",
    "link",
    "base",
)
EMPTY_PARAGRAPH = re.compile(r"<p>(\s|<br/?>)*</p>")
CONTAINER_TAGS = (
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "center",
    "span",
    "font",
)
HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class HTMLError(Exception):
    """Text that cannot be read as HTML."""


class Link:
    """What a reference resolved to: ``kind`` is page, document, image or url."""

    def __init__(self, kind, object_id=None, url=""):
        self.kind = kind
        self.object_id = object_id
        self.url = url


def _converter():
    return EditorHTMLConverter(features=RICH_TEXT_FEATURES)


def text_html(value):
    """The HTML of an item's ``text`` (Plone 5/6 ``{"data": …}``, Plone 4 a string);
    HTMLError when it is neither."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        data = value.get("data")
        if data is None:
            return ""
        if not isinstance(data, str):
            raise HTMLError("text.data")
        content_type = str(value.get("content-type") or "text/html")
        if content_type in ("text/plain", "text/x-web-intelligent") and "<" not in data:
            return linebreaks(escape(data))
        return data
    raise HTMLError("text")


def html_to_blocks(html, resolver, base_path=""):
    """``(blocks, unresolved)``: StreamField raw data (rich_text and image blocks) and the
    references that lead to nothing imported."""
    if not html or not html.strip():
        return [], []
    try:
        soup = BeautifulSoup(html, "html.parser")
    except Exception as error:  # bs4 raises various errors on broken markup
        raise HTMLError(str(error)) from error
    unresolved = []
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    # Containers are unwrapped (Wagtail would turn a <div> into a <p> around headings and
    # paragraphs); their children become top-level blocks.
    for tag in soup.find_all(CONTAINER_TAGS):
        tag.unwrap()
    for tag in soup.find_all(list(HEADING_MAP)):
        tag.name = HEADING_MAP[tag.name]
    for tag in soup.find_all(["td", "th"]):
        tag.append(" ")
        tag.unwrap()
    for tag in soup.find_all("tr"):
        tag.name = "p"
    _rewrite_links(soup, resolver, base_path, unresolved)
    figures = _extract_images(soup, resolver, base_path, unresolved)
    return _split_blocks(soup, figures), unresolved


def _rewrite_links(soup, resolver, base_path, unresolved):
    for a in soup.find_all("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#"):
            a.attrs = {"href": href} if href else {}
            if not href:
                a.unwrap()
            continue
        link = resolver.resolve(href, base_path)
        if link is None:
            unresolved.append(href)
            a.unwrap()
        elif link.kind in ("page", "document"):
            a.attrs = {"data-linktype": link.kind, "data-id": str(link.object_id)}
        elif link.url and link.url.lower().startswith(SAFE_LINK_SCHEMES + ("/",)):
            a.attrs = {"href": link.url}
        else:  # javascript:, data: and the like
            a.unwrap()


def _extract_images(soup, resolver, base_path, unresolved):
    """Replace each <img> by a marker; return marker → image block value."""
    figures = {}
    for img in soup.find_all("img"):
        src = (img.get("src") or "").strip()
        link = resolver.resolve_image(src, base_path) if src else None
        caption = ""
        figure = img.find_parent("figure")
        if figure is not None:
            figcaption = figure.find("figcaption")
            if figcaption is not None:
                caption = figcaption.get_text(" ", strip=True)[:250]
                figcaption.decompose()
        if link is None:
            if src:
                unresolved.append(src)
            img.decompose()
            continue
        marker = f"kpss-plone-figure-{uuid.uuid4().hex}"
        figures[marker] = {
            "image": {
                "image": link.object_id,
                "decorative": False,
                "alt_text": (img.get("alt") or img.get("title") or "").strip()[:255],
            },
            "caption": caption,
        }
        img.replace_with(NavigableString(marker))
    return figures


def _split_blocks(soup, figures):
    """Walk the top-level nodes; text goes into rich_text blocks, a marker ends the current
    text block and adds an image block after it."""
    blocks = []
    pending = []  # top-level HTML pieces of the current text block

    def flush():
        html = "".join(pending)
        pending.clear()
        if not html.strip():
            return
        cleaned = EMPTY_PARAGRAPH.sub("", _converter().to_database_format(html)).strip()
        text = BeautifulSoup(cleaned, "html.parser").get_text().strip()
        if text:
            blocks.append({"type": "rich_text", "value": cleaned, "id": str(uuid.uuid4())})

    for node in list(soup.contents):
        if isinstance(node, NavigableString):
            text = str(node)
            markers = [m for m in figures if m in text]
            if not markers and not text.strip():
                continue
            for marker in markers:
                before, _sep, text = text.partition(marker)
                if before.strip():
                    pending.append(f"<p>{escape(before.strip())}</p>")
                flush()
                blocks.append({"type": "image", "value": figures[marker], "id": str(uuid.uuid4())})
            if text.strip():
                pending.append(f"<p>{escape(text.strip())}</p>")
            continue
        if not isinstance(node, Tag):
            continue
        html = str(node)
        markers = [m for m in figures if m in html]
        if not markers:
            pending.append(html)
            continue
        for marker in markers:
            html = html.replace(marker, "")
        pending.append(html)
        flush()
        for marker in markers:
            blocks.append({"type": "image", "value": figures[marker], "id": str(uuid.uuid4())})
    flush()
    return blocks


# --- Volto blocks ----------------------------------------------------------------------------
SLATE_TAGS = {
    "p": "p",
    "h1": "h2",
    "h2": "h2",
    "h3": "h3",
    "h4": "h4",
    "h5": "h4",
    "h6": "h4",
    "ul": "ul",
    "ol": "ol",
    "li": "li",
    "strong": "b",
    "b": "b",
    "em": "i",
    "i": "i",
    "blockquote": "p",
}


def _slate(nodes):
    out = []
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict):
            continue
        if "text" in node and "type" not in node:
            text = escape(str(node.get("text") or ""))
            if node.get("bold"):
                text = f"<b>{text}</b>"
            if node.get("italic"):
                text = f"<i>{text}</i>"
            out.append(text)
            continue
        inner = _slate(node.get("children"))
        kind = node.get("type")
        if kind == "link":
            url = (node.get("data") or {}).get("url") or ""
            out.append(f'<a href="{escape(str(url))}">{inner}</a>')
        elif kind in SLATE_TAGS:
            tag = SLATE_TAGS[kind]
            out.append(f"<{tag}>{inner}</{tag}>")
        else:
            out.append(inner)
    return "".join(out)


def blocks_to_html(blocks, layout, listing=None):
    """Volto ``blocks`` in ``blocks_layout`` order as HTML; ``(html, skipped block types)``.
    ``listing(block, last)``, if given, returns the HTML of a listing block in its place
    (``last``: no content follows it)."""
    if not isinstance(blocks, dict):
        return "", []
    order = (layout or {}).get("items") if isinstance(layout, dict) else None
    if not isinstance(order, list):
        order = list(blocks)
    order = [b for b in order if isinstance(b, str)]
    parts, skipped = [], []
    kinds = [blocks[b].get("@type") if isinstance(blocks.get(b), dict) else None for b in order]
    for position, block_id in enumerate(order):
        block = blocks.get(block_id)
        if not isinstance(block, dict):
            continue
        kind = block.get("@type")
        if kind in ("title", "description"):
            continue
        if kind == "slate":
            parts.append(_slate(block.get("value")))
        elif kind == "text":
            for draft in (block.get("text") or {}).get("blocks") or []:
                if isinstance(draft, dict) and draft.get("text"):
                    parts.append(f"<p>{escape(str(draft['text']))}</p>")
        elif kind == "image" and block.get("url"):
            alt = escape(str(block.get("alt") or ""))
            parts.append(f'<p><img src="{escape(str(block["url"]))}" alt="{alt}"></p>')
        elif kind == "teaser" and isinstance(block.get("href"), list) and block["href"]:
            target = block["href"][0] if isinstance(block["href"][0], dict) else {}
            url = escape(str(target.get("@id") or ""))
            title = escape(str(block.get("title") or target.get("title") or url))
            parts.append(f'<h3><a href="{url}">{title}</a></h3>')
            if block.get("description"):
                parts.append(f"<p>{escape(str(block['description']))}</p>")
        elif kind == "html" and isinstance(block.get("html"), str):
            parts.append(block["html"])
        elif kind == "listing" and listing is not None:
            later = kinds[position + 1 :]
            parts.append(listing(block, all(k in (None, "title", "description") for k in later)))
        else:
            skipped.append(str(kind))
    return "".join(parts), skipped
