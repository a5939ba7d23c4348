"""Volto ``listing`` blocks resolved against the items of the same export.

A listing block shows the result of a catalogue query (``querystring``: criteria, sort,
limit) or, without criteria, the contents of the item it is on. Wagtail has no catalogue
of the old site, so the importer resolves the query once, against the export's index, and
the block becomes a list of links to what those items became (see ``Importer._listing``).
Criteria that cannot be evaluated without the old site (full-text search, dates relative to
today, the current user, …) make the whole block unresolvable: a list frozen on the day of
the migration would show something else than the old page did, so the block is reported.

Supported, as plone.app.querystring evaluates them: ``path`` (``absolutePath``,
``relativePath``, ``path``, with ``::depth``, a UID instead of a path; several path
criteria are alternatives), ``portal_type``, ``review_state`` and ``Subject``
(``selection.any``/``is``/``all``/``none``); ``sort_on`` (position in the folder, title,
id, effective, created, modified, start, end), ``sort_order``/``sort_order_boolean``,
``limit``. ``b_size`` is Plone's page size: the old page reached every item through its
pages, so the list holds all of them (at most ``MAX_ITEMS``).
"""

import re
import unicodedata
from datetime import UTC, datetime

from django.utils.translation import gettext as _

MAX_ITEMS = 100
PATH_OPERATIONS = ("absolutePath", "relativePath", "path")
SELECTION_INDEXES = {
    "portal_type": "portal_type",
    "review_state": "state",
    "Subject": "subjects",
}
_EARLIEST = datetime(1, 1, 1, tzinfo=UTC)
DATE_SORTS = {
    "effective": "effective",
    "Date": "effective",
    "EffectiveDate": "effective",
    "created": "created",
    "CreationDate": "created",
    "modified": "modified",
    "ModificationDate": "modified",
    "start": "start",
    "end": "end",
}


_NUMBER = re.compile(r"\d+")


def sortable_title(title):
    """Plone's ``sortable_title``: accents and case ignored, numbers compared by value."""
    text = unicodedata.normalize("NFKD", str(title))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    return _NUMBER.sub(lambda m: m.group().zfill(6), text)


class ListingError(Exception):
    """A listing whose query cannot be resolved; the message says why (for the report)."""


def _operation(row):
    return str(row.get("o") or "").rsplit(".", 1)[-1]


def _values(value):
    if isinstance(value, list | tuple):
        return {str(v) for v in value if v is not None and str(v) != ""}
    if value is None or value == "":
        return set()
    return {str(value)}


def _int(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number


class ListingQuery:
    """One listing block's query. ``resolve(importer, entry)`` returns the UIDs it lists, in
    order; ListingError when it cannot be resolved."""

    def __init__(self, block):
        querystring = block.get("querystring")
        if querystring is None:  # Volto before 12 kept the query on the block itself
            querystring = block
        if not isinstance(querystring, dict):
            raise ListingError(_("its query cannot be read"))
        query = querystring.get("query")
        if query is None:
            query = []
        if not isinstance(query, list) or not all(isinstance(r, dict) for r in query):
            raise ListingError(_("its query cannot be read"))
        self.rows = query
        self.sort_on = str(querystring.get("sort_on") or block.get("sort_on") or "")
        order = str(querystring.get("sort_order") or block.get("sort_order") or "")
        self.reverse = order in ("reverse", "descending") or (
            querystring.get("sort_order_boolean") is True
        )
        limit = _int(querystring.get("limit", block.get("limit")))
        self.limit = limit if limit and limit > 0 else None

    # --- criteria --------------------------------------------------------------------------
    def _path_filter(self, importer, entry, row):
        """``(path, depth)`` of a path criterion."""
        value = row.get("v")
        if not isinstance(value, str):
            raise ListingError(_("its path criterion cannot be read"))
        path, _sep, depth_text = value.partition("::")
        depth = _int(depth_text) if depth_text else -1
        if depth is None:
            raise ListingError(_("its path criterion cannot be read"))
        path = path.strip()
        if _operation(row) == "relativePath":
            current = entry.path
            for part in (p for p in path.split("/") if p):
                if part == "..":
                    current = current.rsplit("/", 1)[0] or "/"
                elif part != ".":
                    child = (current.rstrip("/") + "/" + part) if current != "/" else "/" + part
                    if child in importer.paths:
                        current = child
            return current, depth
        if path and "/" not in path:  # a UID
            target = importer.index.get(path)
            if target is None:
                raise ListingError(
                    _("the folder it lists (%(uid)s) is not in the export") % {"uid": path}
                )
            return target.path, depth
        return importer.old_path(path or "/"), depth

    @staticmethod
    def _in_path(candidate, path, depth):
        if path in ("", "/"):
            relative = candidate.strip("/")
            levels = len(relative.split("/")) if relative else 0
        elif candidate == path:
            levels = 0
        elif candidate.startswith(path.rstrip("/") + "/"):
            levels = len(candidate[len(path.rstrip("/")) + 1 :].split("/"))
        else:
            return False
        if depth < 0:
            return True
        if depth == 0:
            return levels == 0
        return 1 <= levels <= depth

    def resolve(self, importer, entry):
        from .importer import SITE_ROOT_TYPES

        paths, selections = [], {}
        for row in self.rows:
            index, operation = str(row.get("i") or ""), _operation(row)
            if index == "path" and operation in PATH_OPERATIONS:
                paths.append(self._path_filter(importer, entry, row))
            elif index in SELECTION_INDEXES and operation in ("any", "is", "all", "none"):
                selections[SELECTION_INDEXES[index]] = (operation, _values(row.get("v")))
            else:
                raise ListingError(
                    _("the criterion %(criterion)s cannot be evaluated without the old site")
                    % {"criterion": f"{index} ({operation or '?'})"}
                )
        # The item's own contents, all of them, in their folder's order: what the page's own
        # list of subpages shows too.
        self.own_contents = self.limit is None and (
            not self.rows
            or not selections
            and paths == [(entry.path, 1)]
            and self.sort_on in ("", "getObjPositionInParent")
            and not self.reverse
        )
        if not self.rows:  # no query: the contents of the item itself, in their order
            found = [e for e in importer.index.values() if e.parent_uid == entry.uid]
            key = self._sort_key(importer, "getObjPositionInParent")
            return [e.uid for e in sorted(found, key=key)][: self.limit or None]
        found = []
        for candidate in importer.index.values():
            if candidate.portal_type in SITE_ROOT_TYPES:
                continue
            if paths and not any(self._in_path(candidate.path, p, d) for p, d in paths):
                continue
            if all(self._selected(candidate, k, s) for k, s in selections.items()):
                found.append(candidate)
        # Stable in both directions: equal keys keep the export's order, as the index does.
        found.sort(key=self._sort_key(importer, self.sort_on), reverse=self.reverse)
        return [e.uid for e in found][: self.limit or None]

    @staticmethod
    def _selected(candidate, attribute, selection):
        operation, wanted = selection
        value = getattr(candidate, attribute)
        have = set(value) if isinstance(value, tuple) else {value} if value else set()
        if operation == "none":
            return not (have & wanted)
        if operation == "all":
            return wanted <= have
        return bool(have & wanted) or not wanted

    def _sort_key(self, importer, sort_on):
        positions = importer.source.positions
        if sort_on == "getObjPositionInParent":
            return lambda e: positions.get(e.uid, 10**9)
        if sort_on == "sortable_title":
            return lambda e: sortable_title(e.title)
        if sort_on in ("id", "getId"):
            return lambda e: e.path.rsplit("/", 1)[-1]
        if sort_on in DATE_SORTS:
            name = DATE_SORTS[sort_on]
            return lambda e: getattr(e, name) or _EARLIEST
        if sort_on:
            self.unknown_sort = sort_on
        return lambda e: 0  # the export's order (the sort is stable)

    unknown_sort = ""
    own_contents = False
