"""Reading a tagged PDF's structure tree in tests: the elements (/StructTreeRoot) with the
text of their marked content, and the text drawn as artifacts (outside the tree).

The text of a marked-content sequence is decoded with the fonts' /ToUnicode maps (what
WeasyPrint writes); pypdf's own text extraction does not say which MCID a string belongs to.
"""

import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NumberObject


@dataclass
class Element:
    tag: str  # "Link", "LI", "Figure", … (without the slash)
    alt: str | None = None
    children: list = field(default_factory=list)  # Element or str (marked content's text)
    parent: "Element | None" = None

    @property
    def text(self):
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    def iter(self, tag=None):
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def elements(self):
        return [child for child in self.children if isinstance(child, Element)]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass
class TaggedPdf:
    reader: PdfReader
    root: Element
    artifacts: list  # text drawn inside /Artifact marked content, per page: [[str]]

    def iter(self, tag=None):
        return self.root.iter(tag)


def read(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    marked, artifacts = {}, []
    for number, page in enumerate(reader.pages):
        page_marked, page_artifacts = _marked_content(page)
        marked.update({(number, mcid): text for mcid, text in page_marked.items()})
        artifacts.append(page_artifacts)
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    struct_root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    root = Element("StructTreeRoot")
    _add_kids(root, struct_root.get("/K"), None, marked, pages)
    return TaggedPdf(reader, root, artifacts)


def _add_kids(element, kids, page, marked, pages):
    if kids is None:
        return
    kids = kids.get_object()
    if not isinstance(kids, ArrayObject):
        kids = [kids]
    for kid in kids:
        kid = kid.get_object()
        if isinstance(kid, NumberObject) or isinstance(kid, int):
            element.children.append(marked.get((page, int(kid)), ""))
        elif isinstance(kid, DictionaryObject):
            if kid.get("/Type") == "/OBJR":
                continue  # a link annotation
            if kid.get("/Type") == "/MCR":
                mcr_page = pages.get(kid.raw_get("/Pg").idnum, page) if "/Pg" in kid else page
                element.children.append(marked.get((mcr_page, int(kid["/MCID"])), ""))
                continue
            kid_page = pages.get(kid.raw_get("/Pg").idnum, page) if "/Pg" in kid else page
            child = Element(
                str(kid.get("/S", "/?"))[1:],
                alt=str(kid["/Alt"]) if "/Alt" in kid else None,
                parent=element,
            )
            element.children.append(child)
            _add_kids(child, kid.get("/K"), kid_page, marked, pages)


def _marked_content(page):
    """({MCID: text}, [artifact text]) of one page's content stream."""
    fonts = {
        name: _unicode_map(font.get_object())
        for name, font in (page["/Resources"].get("/Font") or {}).items()
    }
    content = ContentStream(page.get_contents(), page.pdf)
    texts, artifacts = {}, []
    stack, font = [], ({}, 1)
    for operands, operator in content.operations:
        if operator == b"BDC":
            properties = operands[1]
            if isinstance(properties, DictionaryObject) and "/MCID" in properties:
                stack.append(int(properties["/MCID"]))
            else:
                stack.append(str(operands[0]))
        elif operator == b"BMC":
            stack.append(str(operands[0]))
        elif operator == b"EMC":
            if stack:
                stack.pop()
        elif operator == b"Tf":
            font = fonts.get(operands[0], ({}, 1))
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            strings = operands[-1] if operator != b"TJ" else operands[0]
            if operator != b"TJ":
                strings = [strings]
            text = "".join(
                _decode(bytes(item.original_bytes), font)
                for item in strings
                if hasattr(item, "original_bytes")
            )
            target = next((item for item in reversed(stack)), None)
            if target == "/Artifact" or "/Artifact" in stack:
                artifacts.append(text)
            elif isinstance(target, int):
                texts[target] = texts.get(target, "") + text
    return texts, artifacts


def _unicode_map(font):
    """(code → text, bytes per code) from a font's /ToUnicode CMap."""
    mapping, width = {}, 1
    if "/ToUnicode" not in font:
        return mapping, width
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    space = re.search(r"begincodespacerange\s*<([0-9a-fA-F]+)>", cmap)
    if space:
        width = len(space.group(1)) // 2
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for source, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(source, 16)] = _utf16(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, target in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            start = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = _utf16(f"{start + offset:0{len(target)}x}")
    return mapping, width


def _utf16(hex_text):
    return bytes.fromhex(hex_text).decode("utf-16-be", "replace") if hex_text else ""


def _decode(data, font):
    mapping, width = font
    codes = (int.from_bytes(data[i : i + width], "big") for i in range(0, len(data), width))
    return "".join(mapping.get(code, "") for code in codes)


def contents_entries(tagged):
    """{title: page} of the table of contents (the list after the H2 "Obsah"), asserting
    that each entry is one Link holding the title and the page number, that no Link is
    nested in a Link anywhere, and that no leader dots are text (they are an artifact)."""
    for link in tagged.iter("Link"):
        assert not any(a.tag == "Link" for a in link.ancestors()), "a Link nested in a Link"
    heading = next(h2 for h2 in tagged.iter("H2") if h2.text.strip() == "Obsah")
    toc = next(e for e in heading.parent.elements() if e.tag == "L")
    entries = {}
    for item in toc.elements():
        links = list(item.iter("Link"))
        assert len(links) == 1
        text = " ".join(links[0].text.split())
        assert "." * 3 not in text
        title, page = text.rsplit(" ", 1)
        entries[title] = int(page)
    toc_page = next(
        page.extract_text()
        for page in tagged.reader.pages
        if page.extract_text().startswith("Obsah")
    )
    assert "..." not in toc_page and "…" not in toc_page
    return entries
