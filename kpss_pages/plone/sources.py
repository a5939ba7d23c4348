"""Reading a Plone export: the three layouts behind one small interface.

* collective.exportimport, one JSON file: a list of items, blobs inline as base64. A real
  site's file is gigabytes, so it is streamed with ijson item by item (memory bounded by the
  largest item, not by the file).
* collective.exportimport, one file per item: a directory of ``1.json``, ``2.json``, …
  (and numbered sub-directories of them).
* plone.exportimport: ``content/__metadata__.json``, ``content/<UID>/data.json``, blob files
  beside each item, ``redirects.json`` next to ``content/``.

A source yields the items as dicts, as often as asked (the importer reads it in several
passes), and offers what the layout keeps beside the items: the folders' default pages, the
position of items in their folder and the site's redirects. Members, local roles,
discussions and other personal data are never read.
"""

import base64
import binascii
import json
from pathlib import Path

import ijson
from django.utils.translation import gettext as _


class PloneImportError(Exception):
    """An export that cannot be read; the message is for the user."""


class BlobError(Exception):
    """A file or image whose data is missing or unreadable; the message says why."""


# Plone items nest a few levels (blocks a few more); deeper is not an export, and ijson's
# object builder needs memory quadratic in the depth.
MAX_DEPTH = 64
_OPEN = ("start_map", "start_array")
_CLOSE = ("end_map", "end_array")

SIDE_FILES = {
    "default_pages": ("export_defaultpages.json", "defaultpages.json"),
    "ordering": ("export_ordering.json", "ordering.json"),
    "redirects": ("export_redirects.json", "redirects.json"),
    "translations": ("export_translations.json", "translations.json"),
}


def _load_json(path):
    try:
        with open(path, "rb") as fh:
            return json.load(fh)
    except (OSError, ValueError) as error:
        raise PloneImportError(
            _("The file %(file)s cannot be read as JSON (%(error)s).")
            % {"file": path.name, "error": str(error).splitlines()[0][:200]}
        ) from error


class Source:
    """The common part: side files and blob reading. Subclasses implement ``items()``."""

    kind = ""
    base_dirs = ()

    def __init__(self):
        self.default_pages = {}  # folder UID -> default page UID
        self.positions = {}  # UID -> position in its folder
        self.redirects = {}  # old physical path -> new physical path
        self.translations = {}  # UID -> UIDs of its translations (plone.app.multilingual)

    def items(self):
        raise NotImplementedError

    def _read_side_files(self, directory):
        for key, names in SIDE_FILES.items():
            for name in names:
                path = directory / name
                if path.is_file():
                    self._apply_side_file(key, _load_json(path))
                    break

    def _apply_side_file(self, key, data):
        if key == "default_pages" and isinstance(data, list):
            for entry in data:
                if isinstance(entry, dict) and entry.get("uuid") and entry.get("default_page_uuid"):
                    self.default_pages[str(entry["uuid"])] = str(entry["default_page_uuid"])
        elif key == "ordering" and isinstance(data, list):
            for entry in data:
                if isinstance(entry, dict) and entry.get("uuid") is not None:
                    try:
                        self.positions[str(entry["uuid"])] = int(entry.get("order"))
                    except (TypeError, ValueError):
                        continue
        elif key == "redirects" and isinstance(data, dict):
            self.redirects.update(
                {str(k): str(v) for k, v in data.items() if isinstance(v, str) and k}
            )
        elif key == "translations" and isinstance(data, list):
            # collective.exportimport: [{"cs": UID, "en": UID}, …]; plone.exportimport:
            # [{"canonical": UID, "translations": {"en": UID}}, …]
            for group in data:
                if not isinstance(group, dict):
                    continue
                members = group.get("translations")
                if isinstance(members, dict):
                    uids = [group.get("canonical"), *members.values()]
                else:
                    uids = list(group.values())
                uids = list(dict.fromkeys(str(u) for u in uids if isinstance(u, str) and u))
                for uid in uids:
                    self.translations[uid] = tuple(u for u in uids if u != uid)

    def read_blob(self, item, field):
        """The bytes of ``item[field]`` (a file or an image); BlobError when they are not in
        the export or cannot be decoded."""
        value = item.get(field)
        if not isinstance(value, dict):
            raise BlobError(_("the item has no %(field)s") % {"field": field})
        data = value.get("data")
        if isinstance(data, str):
            encoding = str(value.get("encoding") or "base64").lower()
            if encoding != "base64":
                return data.encode("utf-8")
            try:
                return base64.b64decode("".join(data.split()), validate=True)
            except (binascii.Error, ValueError) as error:
                raise BlobError(_("the file's data is not valid base64")) from error
        blob_path = value.get("blob_path")
        if isinstance(blob_path, str) and blob_path:
            for base in self.base_dirs:
                path = (base / blob_path).resolve()
                # Only files inside the export: a crafted path must not read /etc/passwd.
                if base.resolve() in path.parents and path.is_file():
                    return path.read_bytes()
            raise BlobError(
                _("the file %(path)s named in the export is missing") % {"path": blob_path}
            )
        raise BlobError(
            _(
                "the export holds no data of the file (export again with files included, "
                "as base64 or as files)"
            )
        )


class SingleFileSource(Source):
    """collective.exportimport's one JSON file (a list of items)."""

    kind = "collective.exportimport (JSON)"

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.base_dirs = (path.parent,)
        self._read_side_files(path.parent)

    def items(self):
        try:
            with open(self.path, "rb") as fh:
                yield from _stream_list(ijson.basic_parse(fh, use_float=True))
        except ijson.JSONError as error:
            raise PloneImportError(
                _("The file is not valid JSON or it is truncated (%(error)s).")
                % {"error": str(error).splitlines()[0][:200]}
            ) from error
        except UnicodeDecodeError as error:
            raise PloneImportError(_("The file is not UTF-8 encoded JSON.")) from error
        except OSError as error:
            raise PloneImportError(
                _("The file cannot be read: %(error)s") % {"error": error}
            ) from error


def _stream_list(events):
    """Yield the elements of a top-level JSON list one by one, depth-checked."""
    depth = 0
    builder = None
    seen_list = False
    for event, value in events:
        if depth == 0:
            if event != "start_array":
                raise PloneImportError(
                    _("The file is not a Plone export: it must be a JSON list of items.")
                )
            seen_list = True
        if event in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise PloneImportError(
                    _("The file is not a Plone export: it is nested more than %(depth)s levels.")
                    % {"depth": MAX_DEPTH}
                )
        elif event in _CLOSE:
            depth -= 1
        if depth == 1 and event == "start_array":
            continue
        if builder is not None:
            builder.event(event, value)
            if depth == 1:
                yield builder.value
                builder = None
        elif depth >= 2 and event in _OPEN:
            builder = ijson.ObjectBuilder()
            builder.event(event, value)
        elif depth == 1 and event not in _CLOSE:
            yield value  # a scalar where an item belongs: the importer reports it
    if not seen_list:
        raise PloneImportError(_("The file is empty."))


def _read_item_file(path):
    try:
        with open(path, "rb") as fh:
            return json.load(fh)
    except ValueError as error:
        raise PloneImportError(
            _("The file %(file)s is not valid JSON or it is truncated (%(error)s).")
            % {"file": path.name, "error": str(error).splitlines()[0][:200]}
        ) from error
    except OSError as error:
        raise PloneImportError(
            _("The file %(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}
        ) from error


class ItemDirectorySource(Source):
    """collective.exportimport's directory: one numbered JSON file per item."""

    kind = "collective.exportimport (directory)"

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.base_dirs = (path, path.parent)
        self._read_side_files(path)
        self._read_side_files(path.parent)

    @staticmethod
    def numbered(directory, files=True):
        entries = [
            p
            for p in directory.iterdir()
            if (p.is_file() and p.suffix == ".json" if files else p.is_dir())
            and (p.stem if files else p.name).isdecimal()
        ]
        return sorted(entries, key=lambda p: int(p.stem if files else p.name))

    def items(self):
        for path in self.numbered(self.path):
            yield _read_item_file(path)
        for folder in self.numbered(self.path, files=False):
            for path in self.numbered(folder):
                yield _read_item_file(path)


class PloneExportImportSource(Source):
    """plone.exportimport's directory (Plone 6)."""

    kind = "plone.exportimport"

    def __init__(self, root):
        super().__init__()
        self.root = root
        self.content = root / "content"
        self.base_dirs = (self.content,)
        metadata = _load_json(self.content / "__metadata__.json")
        if not isinstance(metadata, dict):
            raise PloneImportError(_("content/__metadata__.json is not a JSON object."))
        files = metadata.get("_data_files_")
        if not isinstance(files, list):
            raise PloneImportError(_("content/__metadata__.json does not list the items."))
        self.data_files = [str(f) for f in files if isinstance(f, str)]
        for uid, entry in (metadata.get("default_page") or {}).items():
            if isinstance(entry, dict) and entry.get("default_page_uuid"):
                self.default_pages[str(uid)] = str(entry["default_page_uuid"])
        for uid, position in (metadata.get("ordering") or {}).items():
            if isinstance(position, int):
                self.positions[str(uid)] = position
        for key in ("redirects", "translations"):
            side_file = root / f"{key}.json"
            if side_file.is_file():
                self._apply_side_file(key, _load_json(side_file))

    def items(self):
        base = self.content.resolve()
        for name in self.data_files:
            path = (self.content / name).resolve()
            if base not in path.parents:
                continue
            yield _read_item_file(path)


def open_source(path):
    """The right reader for ``path`` (a JSON file or an export directory)."""
    path = Path(path)
    if not path.exists():
        raise PloneImportError(_("%(path)s does not exist.") % {"path": path})
    if path.is_file():
        return SingleFileSource(path)
    if (path / "content" / "__metadata__.json").is_file():
        return PloneExportImportSource(path)
    if path.name == "content" and (path / "__metadata__.json").is_file():
        return PloneExportImportSource(path.parent)
    if ItemDirectorySource.numbered(path) or ItemDirectorySource.numbered(path, files=False):
        return ItemDirectorySource(path)
    raise PloneImportError(
        _(
            "%(path)s is not a Plone export: expected a JSON file, a directory of numbered "
            "JSON files (collective.exportimport) or a directory with content/__metadata__.json "
            "(plone.exportimport)."
        )
        % {"path": path}
    )
