"""Import of a Plone export into the plugin set (see sources.py for the layouts).

The run reads the export in passes, each streaming it again (memory stays bounded):

1. index: UID, type, path, parent and modified of every item (a few hundred bytes each);
   a broken file stops here, before anything is written;
2. files and images → Wagtail documents and images;
3. pages in parent-before-child order (an item whose parent comes later waits for the next
   pass); rich text resolved against everything known so far;
4. links (→ redirects), pages whose text linked to a page created after them, the order of
   children, and the redirects of old addresses and of the export.

Everything happens in one transaction: a failure, or ``dry_run``, rolls it all back (and
the files stored on the way are deleted). Each item runs in a savepoint: an item that cannot
be imported is reported and skipped, never fatal. Each item is tied to its UID
(``PloneItem``): a second run updates what changed by ``modified`` and creates no duplicates.
Personal data (creators, members, local roles, comments) is never read.
"""

import io
import json
import logging
import posixpath
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision

from kpss_pages.core.czech_dates import czech_date, date_time_range
from kpss_pages.core.safe_values import is_web_url

from .listing import MAX_ITEMS as LISTING_MAX_ITEMS
from .listing import ListingError, ListingQuery
from .models import PloneItem
from .richtext import HTMLError, Link, blocks_to_html, html_to_blocks, text_html
from .sources import BlobError, PloneImportError, open_source

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 2.0  # seconds between progress reports of a long import

DOCUMENT, IMAGE, REDIRECT, SKIP = "document", "image", "redirect", "skip"
DEFAULT_TYPE_MAP = {
    "Folder": "kpss_core.SectionPage",
    "Document": "kpss_core.SectionPage",
    "News Item": "kpss_news.ArticlePage",
    "Event": "kpss_news.ArticlePage",
    "File": DOCUMENT,
    "Image": IMAGE,
    "Link": REDIRECT,
    "Collection": SKIP,
    "Topic": SKIP,
}
SITE_ROOT_TYPES = ("Plone Site", "LRF", "LIF")
FILE_SUFFIXES = ("/view", "/@@download/file", "/at_download/file", "/download")
IMAGE_SUFFIXES = (
    "/view",
    "/image_view_fullscreen",
    "/@@images/image",
    "/image",
    "/@@download/image",
)
PAGE_SUFFIXES = ("/view",)
RESOLVEUID = re.compile(r"resolve[uU]id/([0-9A-Za-z_\-]+)")
MAX_PASSES = 50


def _past(moment, now):
    """A date from the export if it is not in the future (a clock error on the old site)."""
    return moment if moment is not None and moment <= now else None


def _parse_date(value):
    if not isinstance(value, str) or not value or value == "None":
        return None
    parsed = (
        parse_datetime(value.replace(" ", "T", 1)) if "T" not in value else parse_datetime(value)
    )
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def resolve_type_map(overrides=()):
    """The type map: defaults, then ``settings.KPSS_PLONE_TYPE_MAP``, then ``--map``
    (``TYPE=app.Model`` or ``TYPE=skip``); ValueError with a message for a wrong entry."""
    mapping = dict(DEFAULT_TYPE_MAP)
    entries = list(getattr(settings, "KPSS_PLONE_TYPE_MAP", {}).items())
    for override in overrides:
        plone_type, sep, target = str(override).partition("=")
        if not sep or not plone_type.strip() or not target.strip():
            raise ValueError(
                _("--map expects TYPE=app.Model, got “%(value)s”.") % {"value": override}
            )
        entries.append((plone_type.strip(), target.strip()))
    for plone_type, target in entries:
        if target in (DOCUMENT, IMAGE, REDIRECT, SKIP):
            mapping[plone_type] = target
            continue
        try:
            model = apps.get_model(target)
        except (LookupError, ValueError) as error:
            raise ValueError(
                _("Unknown model “%(model)s” for the Plone type %(type)s.")
                % {"model": target, "type": plone_type}
            ) from error
        if not issubclass(model, Page):
            raise ValueError(
                _(
                    "%(model)s is not a page type; Plone items map to page types, “document”, "
                    "“image”, “redirect” or “skip”."
                )
                % {"model": target}
            )
        mapping[plone_type] = model._meta.label
    return mapping


@dataclass
class Row:
    old_path: str
    portal_type: str
    action: str  # created / updated / unchanged / merged / skipped / unresolved link / redirect
    new_url: str = ""
    reason: str = ""


@dataclass
class Report:
    source_kind: str = ""
    rows: list = field(default_factory=list)
    dry_run: bool = False

    def add(self, *args, **kwargs):
        self.rows.append(Row(*args, **kwargs))

    def counts(self):
        counts = {}
        for row in self.rows:
            counts[row.action] = counts.get(row.action, 0) + 1
        return counts

    ACTION_LABELS = {
        "created": lambda: _("created"),
        "updated": lambda: _("updated"),
        "unchanged": lambda: _("unchanged"),
        "merged": lambda: _("merged into its folder"),
        "skipped": lambda: _("skipped"),
        "unresolved link": lambda: _("unresolved link"),
        "redirect": lambda: _("redirect"),
    }

    def label(self, action):
        return self.ACTION_LABELS.get(action, lambda: action)()

    def table(self):
        header = (_("Old address"), _("Type"), _("Result"), _("New address"), _("Note"))
        rows = [
            (r.old_path, r.portal_type, self.label(r.action), r.new_url, r.reason)
            for r in self.rows
        ]
        widths = [
            min(50, max([len(h)] + [len(str(row[i])) for row in rows]))
            for i, h in enumerate(header)
        ]
        lines = []
        for row in [header, *rows]:
            cells = [
                str(value)[:50].ljust(widths[i]) if i < 4 else str(value)
                for i, value in enumerate(row)
            ]
            lines.append("  ".join(cells).rstrip())
        counts = self.counts()
        lines.append(
            _(
                "Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, merged: "
                "%(merged)s, skipped: %(skipped)s, unresolved links: %(links)s, redirects: "
                "%(redirects)s"
            )
            % {
                "created": counts.get("created", 0),
                "updated": counts.get("updated", 0),
                "unchanged": counts.get("unchanged", 0),
                "merged": counts.get("merged", 0),
                "skipped": counts.get("skipped", 0),
                "links": counts.get("unresolved link", 0),
                "redirects": counts.get("redirect", 0),
            }
        )
        if self.dry_run:
            lines.append(_("Dry run: nothing was written."))
        return lines

    def write(self, path):
        """CSV (semicolons, UTF-8 with BOM, like every export of the project) or JSON by the
        file's extension."""
        if str(path).lower().endswith(".json"):
            data = {
                "dry_run": self.dry_run,
                "counts": self.counts(),
                "items": [asdict(r) for r in self.rows],
            }
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2)
            return
        from kpss_pages.core.exports import write_csv

        out = io.StringIO()
        write_csv(
            out,
            [_("Old address"), _("Type"), _("Result"), _("New address"), _("Note")],
            [
                (r.old_path, r.portal_type, self.label(r.action), r.new_url, r.reason)
                for r in self.rows
            ],
        )
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(out.getvalue())


class ItemError(Exception):
    """One item that cannot be imported; the message says why."""


@dataclass
class Entry:
    """What the index keeps of an item."""

    uid: str
    portal_type: str
    url: str
    parent_uid: str
    modified: object
    number: int
    remote_url: str = ""
    path: str = ""
    children: int = 0
    news_children: int = 0
    # What a listing block may select and sort by, and the item's language.
    title: str = ""
    state: str = ""
    language: str = ""
    subjects: tuple = ()
    effective: object = None
    created: object = None
    start: object = None
    end: object = None


class Importer:
    def __init__(self, source, parent, type_map=None, old_urls=(), dry_run=False, progress=None):
        self.progress = progress  # called as progress(done, total) every few seconds
        self._done, self._reported_at = 0, 0.0
        self.source = source
        self.root = parent
        self.type_map = type_map or resolve_type_map()
        self.old_urls = [u.rstrip("/") for u in old_urls if u]
        self.dry_run = dry_run
        self.report = Report(source_kind=source.kind, dry_run=dry_run)
        self.index = {}  # uid -> Entry
        self.paths = {}  # old path -> uid
        self.site_id = ""  # the Plone site's id ("Plone"), stripped from physical paths
        self.portal_url = ""
        self.known = {}  # uid -> (kind, object id) of what exists in Wagtail
        self.done = set()
        self.failed = set()
        self.relink = set()
        self.stored_files = []
        self.news_index = None
        self.default_of = {d: f for f, d in source.default_pages.items()}
        self.touched_parents = set()
        self.news_folders = []
        self.meetings = set()  # UIDs of Events that became a working group's meetings
        self._item_notes, self._last_unresolved, self._listing_missing = [], [], []
        self._pending_link, self._subpages_listing = False, False
        self.site = parent.get_site()
        # Items in other languages go into the trees of matching locales (wagtail i18n).
        self.i18n = bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))
        self._locales, self._own_language = {}, None
        self._placed_locale, self._language_note = None, ""

    # --- pass 1: index ---------------------------------------------------------------------
    def build_index(self):
        for number, item in enumerate(self.source.items()):
            if not isinstance(item, dict) or not item.get("@type") or not item.get("UID"):
                continue
            parent = item.get("parent") if isinstance(item.get("parent"), dict) else {}
            portal_type = str(item["@type"])
            entry = Entry(
                uid=str(item["UID"]),
                portal_type=portal_type,
                url=str(item.get("@id") or ""),
                parent_uid=str(parent.get("UID") or ""),
                modified=_parse_date(item.get("modified")),
                number=number,
                title=str(item.get("title") or "")[:255],
                state=str(item.get("review_state") or "")[:100],
                language=str(item.get("language") or "")[:20],
                subjects=tuple(
                    str(s)[:100] for s in item.get("subjects") or () if isinstance(s, str)
                )
                if isinstance(item.get("subjects"), list)
                else (),
                effective=_parse_date(item.get("effective")),
                created=_parse_date(item.get("created")),
                start=_parse_date(item.get("start")),
                end=_parse_date(item.get("end")),
            )
            if portal_type == "Link":
                entry.remote_url = str(item.get("remoteUrl") or "")
            if portal_type in SITE_ROOT_TYPES:
                self.site_id = urlsplit(entry.url).path.strip("/").split("/")[-1]
            elif parent.get("@type") in SITE_ROOT_TYPES and parent.get("@id"):
                if str(parent["@id"]).startswith(("http://", "https://")):
                    self.portal_url = str(parent["@id"]).rstrip("/")
                self.site_id = self.site_id or urlsplit(str(parent["@id"])).path.strip("/")
            self.index[entry.uid] = entry
        for entry in self.index.values():
            entry.path = self.old_path(entry.url)
            if entry.portal_type not in SITE_ROOT_TYPES:
                self.paths[entry.path] = entry.uid
            parent = self.index.get(entry.parent_uid)
            if parent is not None:
                parent.children += 1
                if entry.portal_type == "News Item":
                    parent.news_children += 1

    def old_path(self, url):
        """The address of an item relative to the Plone site's root (``/a/b``)."""
        if self.portal_url and url.startswith(self.portal_url):
            path = url[len(self.portal_url) :]
        else:
            path = urlsplit(url).path if "://" in url else url
            if self.site_id and (
                path == f"/{self.site_id}" or path.startswith(f"/{self.site_id}/")
            ):
                path = path[len(self.site_id) + 1 :]
        path = "/" + path.strip("/")
        return path

    # --- mapping -----------------------------------------------------------------------------
    def target(self, entry):
        """What the item becomes: a page model label, DOCUMENT, IMAGE, REDIRECT or SKIP."""
        if entry.portal_type in SITE_ROOT_TYPES:
            return SKIP
        target = self.type_map.get(entry.portal_type)
        if target is None:
            return None
        if (
            entry.portal_type == "Folder"
            and target == DEFAULT_TYPE_MAP["Folder"]
            and "Folder" not in self._overridden()
            and entry.news_children
            and entry.news_children == entry.children
        ):
            return "kpss_news.NewsIndexPage"
        return target

    def _overridden(self):
        return {k for k, v in self.type_map.items() if DEFAULT_TYPE_MAP.get(k) != v}

    def is_page(self, entry):
        target = self.target(entry)
        return target not in (None, DOCUMENT, IMAGE, REDIRECT, SKIP)

    # --- run -------------------------------------------------------------------------------
    def run(self):
        self.build_index()
        try:
            with transaction.atomic():
                self._load_known()
                self._pass_blobs()
                self._pass_pages()
                self._pass_links()
                if self.relink:
                    self._pass_relink()
                self._reorder()
                self._export_redirects()
                if self.dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            self._delete_stored_files()
            raise
        if self.dry_run:
            self._delete_stored_files()
        return self.report

    def _delete_stored_files(self):
        for name in self.stored_files:
            try:
                default_storage.delete(name)
            except Exception:  # the storage may have lost it already
                logger.warning("could not delete %s", name)

    def _load_known(self):
        type_kinds = {}
        for item in PloneItem.objects.filter(uid__in=list(self.index)).iterator():
            kind = type_kinds.get(item.content_type_id)
            if kind is None:
                model = item.content_type.model_class()
                if model is not None and issubclass(model, Page):
                    kind = "page"
                elif model is get_document_model():
                    kind = "document"
                elif model is get_image_model():
                    kind = "image"
                else:
                    kind = "redirect"
                type_kinds[item.content_type_id] = kind
            self.known[item.uid] = (kind, item.object_id)

    def _items(self, wanted):
        for item in self.source.items():
            if isinstance(item, dict) and str(item.get("UID") or "") in wanted:
                yield item

    def _tick(self):
        self._done += 1
        now = time.monotonic()
        if self.progress is not None and now - self._reported_at >= PROGRESS_EVERY:
            self._reported_at = now
            self.progress(min(self._done, len(self.index)), len(self.index))

    def _savepoint(self, item, entry, func):
        self._tick()
        self._item_notes, self._last_unresolved, self._listing_missing = [], [], []
        try:
            with transaction.atomic():
                func(item, entry)
        except (ItemError, BlobError, HTMLError) as error:
            self.failed.add(entry.uid)
            self.report.add(entry.path, entry.portal_type, "skipped", reason=str(error))
        except Exception as error:
            logger.exception("Plone item %s failed", entry.uid)
            self.failed.add(entry.uid)
            self.report.add(
                entry.path,
                entry.portal_type,
                "skipped",
                reason=_("unexpected error: %(error)s") % {"error": str(error)[:200]},
            )
        self.done.add(entry.uid)

    def _unchanged(self, entry):
        stored = PloneItem.objects.filter(uid=entry.uid).first()
        return (
            stored is not None
            and stored.modified is not None
            and stored.modified == entry.modified
            and stored.content_object is not None
        ), stored

    # --- pass 2: files and images ----------------------------------------------------------
    def _pass_blobs(self):
        wanted = {u for u, e in self.index.items() if self.target(e) in (DOCUMENT, IMAGE)}
        for item in self._items(wanted):
            entry = self.index[str(item["UID"])]
            if entry.uid in self.done:
                continue
            self._savepoint(item, entry, self._import_blob)

    def _import_blob(self, item, entry):
        is_image = self.target(entry) == IMAGE
        field_name = "image" if is_image else "file"
        unchanged, stored = self._unchanged(entry)
        if unchanged:
            obj = stored.content_object
            self.known[entry.uid] = ("image" if is_image else "document", obj.pk)
            self.report.add(entry.path, entry.portal_type, "unchanged", self._blob_url(obj))
            self._item_redirects(entry, link=self._blob_url(obj))
            return
        data = self.source.read_blob(item, field_name)
        obj = self._save_blob(
            item, data, is_image, stored.content_object if stored else None, entry.portal_type
        )
        self._remember(entry, obj)
        self.known[entry.uid] = ("image" if is_image else "document", obj.pk)
        self.report.add(
            entry.path, entry.portal_type, "updated" if stored else "created", self._blob_url(obj)
        )
        self._item_redirects(entry, link=self._blob_url(obj))

    def _save_blob(self, item, data, is_image, existing, portal_type, field_name=None):
        field_name = field_name or ("image" if is_image else "file")
        meta = item.get(field_name) or {}
        filename = posixpath.basename(str(meta.get("filename") or item.get("id") or "soubor"))
        filename = filename.replace("\\", "_")[:100] or "soubor"
        title = str(item.get("title") or filename).strip()[:255] or filename
        model = get_image_model() if is_image else get_document_model()
        obj = existing if isinstance(existing, model) else model()
        obj.title = title
        obj.collection = self._collection(item)
        if is_image:
            from willow.image import Image as WillowImage

            try:
                WillowImage.open(io.BytesIO(data)).get_size()
            except Exception as error:
                raise ItemError(_("the image cannot be read")) from error
        obj.file = ContentFile(data, name=filename)
        obj.file_size = len(data)
        if hasattr(obj, "file_hash"):
            obj._set_file_hash() if hasattr(obj, "_set_file_hash") else None
        obj.save()
        created = _past(_parse_date(item.get("created")), timezone.now())
        if created:  # when it was uploaded to the old site (created_at is auto_now_add)
            model.objects.filter(pk=obj.pk).update(created_at=created)
        self.stored_files.append(obj.file.name)
        if _has_field(obj, "tags") and isinstance(item.get("subjects"), list):
            obj.tags.set([str(s)[:100] for s in item["subjects"] if s], clear=True)
        return obj

    def _collection(self, item):
        """Files and images of unpublished items go into a collection only logged-in staff
        can open: never published by accident."""
        state = item.get("review_state")
        root = Collection.get_first_root_node()
        if state in (None, "", "published"):
            return root
        name = _("Plone – not published")
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            from wagtail.models import CollectionViewRestriction

            collection = root.add_child(instance=Collection(name=name))
            CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.LOGIN
            )
        return collection

    @staticmethod
    def _blob_url(obj):
        if hasattr(obj, "get_rendition"):
            return obj.file.url
        return obj.url

    def _remember(self, entry, obj, modified=None):
        PloneItem.objects.update_or_create(
            uid=entry.uid,
            defaults={
                "portal_type": entry.portal_type[:100],
                "old_path": entry.path[:1000],
                "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=True),
                "object_id": obj.pk,
                "modified": modified if modified is not None else entry.modified,
            },
        )

    # --- pass 3: pages ---------------------------------------------------------------------
    def _pass_pages(self):
        skipped_types = {}
        for entry in self.index.values():
            target = self.target(entry)
            if target is None:
                skipped_types[entry.uid] = _("the type %(type)s is not imported") % {
                    "type": entry.portal_type
                }
            elif target == SKIP and entry.portal_type not in SITE_ROOT_TYPES:
                skipped_types[entry.uid] = _(
                    "%(type)s is not imported (a listing of other "
                    "items; recreate it in Wagtail if needed)"
                ) % {"type": entry.portal_type}
            elif entry.portal_type in SITE_ROOT_TYPES:
                skipped_types[entry.uid] = _(
                    "the Plone site itself: its items go under the chosen parent page"
                )
        for uid, reason in skipped_types.items():
            entry = self.index[uid]
            self.failed.add(uid)
            self.done.add(uid)
            self.report.add(entry.path, entry.portal_type, "skipped", reason=reason)
        wanted = {u for u, e in self.index.items() if self.is_page(e) and u not in self.done}
        self.news_folders = sorted(
            (u for u in wanted if self.target(self.index[u]) == "kpss_news.NewsIndexPage"),
            key=lambda u: self.index[u].number,
        )
        for _pass in range(MAX_PASSES):
            waiting = set()
            for item in self._items(wanted):
                entry = self.index[str(item["UID"])]
                if entry.uid in self.done:
                    continue
                if self._parent_waiting(entry):
                    waiting.add(entry.uid)
                    continue
                self._savepoint(item, entry, self._import_page)
            if not waiting or waiting == wanted:
                break
            wanted = waiting
        for uid in wanted - self.done:
            entry = self.index[uid]
            self.failed.add(uid)
            self.report.add(
                entry.path,
                entry.portal_type,
                "skipped",
                reason=_("its folder cannot be found in the export"),
            )

    def _ancestor(self, entry):
        """The nearest ancestor that is (or will be) a page: ``(entry or None, waiting)``."""
        seen = set()
        parent = self.index.get(entry.parent_uid)
        while parent is not None and parent.uid not in seen:
            seen.add(parent.uid)
            if self.is_page(parent) and parent.uid not in self.failed:
                return parent
            parent = self.index.get(parent.parent_uid)
        return None

    def _parent_waiting(self, entry):
        parent = self._ancestor(entry)
        if parent is not None and parent.uid not in self.done:
            return True
        # An item in another language waits for its translations in the site's language,
        # to be placed beside them in its locale's tree.
        if self.i18n and self._other_language(entry):
            for uid in self.source.translations.get(entry.uid, ()):
                other = self.index.get(uid)
                if (
                    other is not None
                    and uid not in self.done
                    and self.is_page(other)
                    and not self._other_language(other)
                ):
                    return True
        # An article outside the export's news folder waits for that folder, to go there.
        if self.target(entry) == "kpss_news.ArticlePage" and (
            parent is None or self.target(parent) != "kpss_news.NewsIndexPage"
        ):
            return any(uid not in self.done for uid in self.news_folders)
        return False

    def _parent_page(self, entry):
        parent = self._ancestor(entry)
        if parent is None or parent.uid not in self.known:
            return self.root
        kind, object_id = self.known[parent.uid]
        page = Page.objects.filter(pk=object_id).first()
        return page.specific if page is not None else self.root

    def _import_page(self, item, entry):
        self._placed_locale, self._language_note = None, ""
        folder_uid = self.default_of.get(entry.uid)
        published = item.get("review_state") == "published"
        if folder_uid and folder_uid in self.known and self.known[folder_uid][0] == "page":
            folder_published = Page.objects.filter(pk=self.known[folder_uid][1], live=True).exists()
            if published or not folder_published:
                return self._merge_default_page(item, entry, folder_uid)
        model = apps.get_model(self.target(entry))
        unchanged, stored = self._unchanged(entry)
        if unchanged:
            page = stored.content_object.specific
            self.known[entry.uid] = ("page", page.pk)
            self.report.add(entry.path, entry.portal_type, "unchanged", self._page_url(page))
            self._item_redirects(entry, page=page)
            return
        existing = stored.content_object if stored else None
        if existing is not None:
            page = existing.specific
            if _has_field(page, "start") and entry.portal_type == "Event":
                self.meetings.add(entry.uid)
            parent = (
                page.get_parent()
                if entry.uid in self.meetings
                else self._desired_parent(entry, type(page))
            )
            if page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child")
                page = Page.objects.get(pk=page.pk).specific
            if self._placed_locale is not None:
                page.locale = self._placed_locale
        else:
            group = self._working_group(entry, model)
            if group is not None:
                model, parent = apps.get_model("kpss_groups.MeetingPage"), group
                self.meetings.add(entry.uid)
            else:
                parent = self._desired_parent(entry, model)
            page = model()
            if self._placed_locale is not None:
                page.locale = self._placed_locale
        if self._placed_locale is not None:
            self._link_translations(page, entry)
        self._fill_page(page, item, entry, has_default=entry.uid in self.source.default_pages)
        self._set_schedule(page, item)
        if existing is None:
            page.slug = self._unique_slug(parent, self._slug(item, entry), None)
            page.live = False
            parent.add_child(instance=page)
        else:
            page.slug = self._unique_slug(page.get_parent(), page.slug, page.pk)
            page.save()
        self.touched_parents.add(page.get_parent().pk)
        self._publish(page, item)
        self._remember(entry, page)
        self.known[entry.uid] = ("page", page.pk)
        page.refresh_from_db()
        self.report.add(
            entry.path,
            entry.portal_type,
            "updated" if existing else "created",
            self._page_url(page),
            reason=self._notes(item),
        )
        self._report_links(entry)
        self._item_redirects(entry, page=page)

    def _working_group(self, entry, model):
        """The working group an Event sits under (its folder's page or an ancestor of it, e.g.
        the --parent page), when the Event keeps the default mapping; None otherwise."""
        if entry.portal_type != "Event" or model._meta.label != DEFAULT_TYPE_MAP["Event"]:
            return None
        try:
            group_model = apps.get_model("kpss_groups.WorkingGroupPage")
        except LookupError:
            return None
        group = self._parent_page(entry).get_ancestors(inclusive=True).type(group_model).last()
        return group.specific if group is not None else None

    def _desired_parent(self, entry, model):
        parent = self._parent_page(entry)
        if model._meta.label == "kpss_news.ArticlePage" and not isinstance(
            parent, apps.get_model("kpss_news.NewsIndexPage")
        ):
            parent = self._news_index()
        return self._locale_parent(entry, model, parent) or parent

    # --- languages ---------------------------------------------------------------------------
    def _other_language(self, entry):
        """The item's language when it is not the site's (else "")."""
        language = entry.language.strip()
        if not language or language == "##DEFAULT##":
            return ""
        if self._own_language is None:
            self._own_language = (
                self.root.locale.language_code if self.i18n else settings.LANGUAGE_CODE
            )
        own = self._own_language
        if language.lower().split("-")[0] == own.lower().split("-")[0]:
            return ""
        return language

    def _locale(self, language):
        """The site's Locale for a Plone language code (``en``, ``en-us``), or None."""
        from wagtail.models import Locale

        key = language.lower()
        if key not in self._locales:
            codes = {locale.language_code.lower(): locale for locale in Locale.objects.all()}
            base = key.split("-")[0]
            self._locales[key] = (
                codes.get(key)
                or codes.get(base)
                or next((v for k, v in sorted(codes.items()) if k.split("-")[0] == base), None)
            )
        return self._locales[key]

    def _translation_pages(self, entry):
        """The pages that the item's Plone translations became."""
        ids = [
            self.known[uid][1]
            for uid in self.source.translations.get(entry.uid, ())
            if self.known.get(uid, ("",))[0] == "page"
        ]
        return list(Page.objects.filter(pk__in=ids)) if ids else []

    def _locale_parent(self, entry, model, parent):
        """For an item in another language than the site's, with WAGTAIL_I18N_ENABLED and a
        locale of that language with pages: the page to put it under in that locale's tree —
        its folder's page when that is in the locale already, else the nearest page (from the
        parent of its Plone translation, then from its own folder upwards) translated into the
        locale, else the root page of a site in that locale. None (and a note) otherwise."""
        language = self._other_language(entry)
        if not language or not self.i18n:
            return None
        locale = self._locale(language)
        if locale is None:
            self._language_note = _(
                "language %(lang)s: the site has no locale of this language, imported among "
                "the other pages"
            ) % {"lang": language}
            return None
        anchors = [parent] if parent.locale_id == locale.pk else []
        anchors += [p.get_parent() for p in self._translation_pages(entry)]
        anchors.append(parent)
        for anchor in anchors:
            found = self._translated_ancestor(anchor, locale, model)
            if found is not None:
                self._placed_locale = locale
                self._language_note = _(
                    "language %(lang)s: placed among the pages in %(locale)s"
                ) % {"lang": language, "locale": locale.language_code}
                return found
        from wagtail.models import Site

        for site in Site.objects.filter(root_page__locale=locale).select_related("root_page"):
            root = site.root_page.specific
            if model.can_exist_under(root):
                self._placed_locale = locale
                self._language_note = _(
                    "language %(lang)s: placed among the pages in %(locale)s"
                ) % {"lang": language, "locale": locale.language_code}
                return root
        self._language_note = _(
            "language %(lang)s: no page of the locale %(locale)s can hold it, imported among "
            "the other pages"
        ) % {"lang": language, "locale": locale.language_code}
        return None

    @staticmethod
    def _translated_ancestor(page, locale, model):
        """The deepest page of ``locale`` that translates ``page`` or one of its ancestors
        and may hold a page of ``model``."""
        if page is None:
            return None
        ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gte=2))
        translated = {
            p.translation_key: p
            for p in Page.objects.filter(
                translation_key__in=[a.translation_key for a in ancestors], locale=locale
            )
        }
        for ancestor in reversed(ancestors):
            candidate = translated.get(ancestor.translation_key)
            if candidate is not None and model.can_exist_under(candidate):
                return candidate.specific
        return None

    def _link_translations(self, page, entry):
        """A page placed in another locale joins its Plone translations' pages as their
        translation (the same ``translation_key``), unless its locale has that one already."""
        for other in self._translation_pages(entry):
            if other.locale_id == page.locale_id or other.pk == page.pk:
                continue
            taken = Page.objects.filter(translation_key=other.translation_key, locale=page.locale)
            if page.pk:
                taken = taken.exclude(pk=page.pk)
            if not taken.exists():
                page.translation_key = other.translation_key
            return

    def _merge_default_page(self, item, entry, folder_uid):
        page = Page.objects.get(pk=self.known[folder_uid][1]).specific
        unchanged, stored = self._unchanged(entry)
        if not unchanged:
            blocks = self._body(item, entry)
            self._set_body(page, blocks)
            description = str(item.get("description") or "").strip()
            if description and hasattr(page, "lead") and not page.lead:
                page.lead = description
            page.save()
            revision = page.save_revision()
            if page.live:
                revision.publish()
            self._remember(entry, page)
        self.known[entry.uid] = ("page", page.pk)
        self.report.add(
            entry.path,
            entry.portal_type,
            "merged" if not unchanged else "unchanged",
            self._page_url(page),
            reason="; ".join([_("default page of its folder"), *self._item_notes]),
        )
        if not unchanged:
            self._report_links(entry)
        self._item_redirects(entry, page=page)

    def _notes(self, item=None):
        notes, self._item_notes = self._item_notes, []
        return "; ".join(notes)

    def _note(self, text):
        self._item_notes.append(text)

    @staticmethod
    def _slug(item, entry):
        slug = slugify(str(item.get("id") or entry.path.rsplit("/", 1)[-1] or ""))[:200]
        return slug or slugify(str(item.get("title") or ""))[:200] or "stranka"

    @staticmethod
    def _unique_slug(parent, slug, own_pk):
        candidate, n = slug, 1
        siblings = parent.get_children()
        while siblings.filter(slug=candidate).exclude(pk=own_pk).exists():
            n += 1
            candidate = f"{slug[:190]}-{n}"
        return candidate

    def _news_index(self):
        if self.news_index is None:
            index_model = apps.get_model("kpss_news.NewsIndexPage")
            for uid in self.news_folders:
                if self.known.get(uid, ("",))[0] == "page":
                    self.news_index = index_model.objects.filter(pk=self.known[uid][1]).first()
                    if self.news_index is not None:
                        return self.news_index
            existing = self.root.get_children().type(index_model).first()
            if existing is not None:
                self.news_index = existing.specific
            else:
                page = index_model(
                    title=_("News"),
                    slug=self._unique_slug(self.root, slugify(_("News")) or "news", None),
                )
                self.root.add_child(instance=page)
                page.save_revision().publish()
                page.refresh_from_db()
                self.news_index = page
        return self.news_index

    def _body(self, item, entry):
        """Text blocks of the item; unresolved references kept in ``_last_unresolved`` and
        the item marked for relinking when it links to a page created later in this run."""
        self._pending_link = False
        self._listing_missing, self._subpages_listing = [], False
        if isinstance(item.get("blocks"), dict) and item.get("blocks"):
            html, skipped = blocks_to_html(
                item["blocks"],
                item.get("blocks_layout"),
                listing=lambda block, last: self._listing(block, entry, last),
            )
            for kind in skipped:
                self._note(_("block “%(kind)s” not converted") % {"kind": kind})
        else:
            html = text_html(item.get("text"))
        blocks, unresolved = html_to_blocks(html, self, base_path=entry.path)
        self._last_unresolved = list(dict.fromkeys(unresolved))
        if self._pending_link:
            self.relink.add(entry.uid)
        return blocks

    def _lists_subpages(self, entry, shown):
        """Whether the page's own list of subpages (``show_subpages``) shows what a listing
        of the item's contents shows: it lists them in their order and stays up to date, so
        the listing at the end of the page maps onto it rather than onto a frozen list."""
        target = self.target(entry)
        if not self.is_page(entry) or entry.uid in self.default_of:
            return False
        if not _has_field(apps.get_model(target), "show_subpages"):
            return False
        return all(
            self.is_page(item)
            and self.target(item) != "kpss_news.ArticlePage"
            and item.uid not in self.default_of
            and not (self.i18n and self._other_language(item))
            for item, _as_image in shown
        )

    def _report_links(self, entry):
        if entry.uid in self.relink:
            return  # reported after the relinking pass
        for href in getattr(self, "_last_unresolved", []):
            self.report.add(entry.path, entry.portal_type, "unresolved link", reason=href[:500])
        for reason in self._listing_missing:
            self.report.add(entry.path, entry.portal_type, "unresolved link", reason=reason)
        self._last_unresolved, self._listing_missing = [], []

    def _listing(self, block, entry, last=False):
        """A Volto listing block → its headline and a list of links to what the items it
        lists became (an image gallery's images → images), in the query's order; items that
        were not imported or are not published are left out and reported one by one, a
        query that cannot be resolved is reported for the item."""
        try:
            query = ListingQuery(block)
            uids = query.resolve(self, entry)
        except ListingError as error:
            self._note(_("block “listing” not converted: %(reason)s") % {"reason": error})
            return ""
        if query.unknown_sort:
            self._note(
                _("a listing sorted by “%(sort)s” keeps the export's order")
                % {"sort": query.unknown_sort[:100]}
            )
        gallery = block.get("variation") == "imageGallery"
        listed, shown, rest = set(uids), [], 0
        for uid in uids:
            item = self.index[uid]
            target = self.target(item)
            if self.default_of.get(uid) in listed:
                continue  # a folder's default page: the folder is in the list already
            if target in (None, SKIP) or uid in self.failed:
                self._listing_missing.append(
                    _("listing: the item %(path)s (%(type)s) was not imported")
                    % {"path": item.path[:300], "type": item.portal_type[:100]}
                )
            elif item.state and item.state != "published":
                self._listing_missing.append(
                    _("listing: the item %(path)s is not published, left out of the list")
                    % {"path": item.path[:300]}
                )
            elif len(shown) >= LISTING_MAX_ITEMS:
                rest += 1
            else:
                shown.append((item, gallery and target == IMAGE))
        if rest:
            self._note(
                _("a listing shows its first %(count)s items, %(rest)s more left out")
                % {"count": LISTING_MAX_ITEMS, "rest": rest}
            )
        if not shown:
            self._note(_("a listing shows no imported items"))
            return ""
        if last and query.own_contents and self._lists_subpages(entry, shown):
            self._subpages_listing = True
            self._note(_("the listing of its contents became the page's list of subpages"))
            return ""
        tag = "h3" if block.get("headlineTag") == "h3" else "h2"
        headline = str(block.get("headline") or "").strip()
        parts = [f"<{tag}>{_escape(headline[:250])}</{tag}>"] if headline else []
        links = []
        for item, as_image in shown:
            title = _escape(item.title or item.path.rsplit("/", 1)[-1])
            href = f"resolveuid/{_escape(item.uid)}"
            if as_image:
                if links:
                    parts.append("<ul>" + "".join(links) + "</ul>")
                    links = []
                parts.append(f'<p><img src="{href}" alt="{title}"></p>')
            else:
                links.append(f'<li><a href="{href}">{title}</a></li>')
        if links:
            parts.append("<ul>" + "".join(links) + "</ul>")
        return "".join(parts)

    def _fill_page(self, page, item, entry, has_default=False):
        title = str(item.get("title") or item.get("id") or entry.uid).strip()[:255]
        page.title = title
        description = str(item.get("description") or "").strip()
        page.show_in_menus = not item.get("exclude_from_nav")
        page.search_description = description[:1000] if hasattr(page, "search_description") else ""
        self._last_unresolved = []
        blocks = (
            []
            if has_default
            else self._compose(item, entry, self._body(item, entry), self._lead_image(item, entry))
        )
        if entry.portal_type == "Event" and _has_field(page, "start"):
            self._fill_meeting(page, item)
        if _has_field(page, "lead"):
            field_obj = page._meta.get_field("lead")
            page.lead = (description or ("" if field_obj.blank else title))[:5000]
        elif _has_field(page, "intro") and description:
            page.intro = f"<p>{_escape(description)}</p>"
        if not has_default:
            self._set_body(page, blocks)
            if self._subpages_listing and _has_field(page, "show_subpages"):
                page.show_subpages = True
        if _has_field(page, "date"):
            when = (_parse_date(item.get("start")) if entry.portal_type == "Event" else None) or (
                _parse_date(item.get("effective")) or _parse_date(item.get("created"))
            )
            if when:
                page.date = timezone.localtime(when).date()
        subjects = [str(s).strip()[:100] for s in item.get("subjects") or [] if str(s).strip()]
        if subjects and _has_field(page, "tags"):
            page.tags.clear()
            page.tags.add(*subjects)
        language = self._other_language(entry)
        if language:
            self._note(self._language_note or _("language %(lang)s") % {"lang": language})

    @staticmethod
    def _fill_meeting(page, item):
        """start, end, whole day and location of an Event → a working group's meeting."""
        start, end = _parse_date(item.get("start")), _parse_date(item.get("end"))
        if start is None:
            raise ItemError(_("the event has no start"))
        if item.get("whole_day"):
            local = timezone.localtime(start)
            start = local.replace(hour=0, minute=0, second=0, microsecond=0)
            end = start + timedelta(days=1) - timedelta(minutes=1)
        if end is None or end <= start or item.get("open_end"):
            end = start + timedelta(hours=2)
        page.start, page.end = start, end
        page.room = str(item.get("location") or "").strip()[:200]

    def _compose(self, item, entry, text_blocks, lead_image=None):
        blocks = []
        if entry.portal_type == "Event" and entry.uid not in self.meetings:
            blocks.append(self._event_block(item))
        blocks.append(lead_image)
        return [b for b in [*blocks, *text_blocks] if b]

    def _known_lead_image(self, item, entry):
        known = self.known.get(f"{entry.uid}#image")
        if not known:
            return None
        return self._image_block(known[1], item)

    @staticmethod
    def _image_block(image_id, item):
        return {
            "type": "image",
            "value": {
                "image": {
                    "image": image_id,
                    "decorative": False,
                    "alt_text": str(item.get("image_caption") or item.get("title") or "")[:255],
                },
                "caption": str(item.get("image_caption") or "")[:250],
            },
            "id": None,
        }

    def _event_block(self, item):
        start, end = _parse_date(item.get("start")), _parse_date(item.get("end"))
        parts = []
        if start:
            if item.get("whole_day"):
                when = czech_date(timezone.localtime(start))
                if end and not item.get("open_end") and end.date() != start.date():
                    when += " – " + czech_date(timezone.localtime(end))
            else:
                when = date_time_range(start, None if item.get("open_end") else end)
            label = _("When:")
            parts.append(f"<b>{_escape(label)}</b> {_escape(when)}")
        if item.get("location"):
            label = _("Where:")
            parts.append(f"<b>{_escape(label)}</b> {_escape(str(item['location']))}")
        if item.get("contact_name"):
            label = _("Contact:")
            parts.append(f"<b>{_escape(label)}</b> {_escape(str(item['contact_name']))}")
        html = "<p>" + "<br/>".join(parts) + "</p>" if parts else ""
        return {"type": "rich_text", "value": html, "id": None} if html else None

    def _lead_image(self, item, entry):
        """A News Item's lead image (``image``) → an image block at the top."""
        if entry.portal_type == "Image" or not isinstance(item.get("image"), dict):
            return None
        key = f"{entry.uid}#image"
        try:
            data = self.source.read_blob(item, "image")
        except BlobError as error:
            self._note(_("lead image: %(error)s") % {"error": error})
            return None
        stored = PloneItem.objects.filter(uid=key).first()
        image = self._save_blob(
            item, data, True, stored.content_object if stored else None, "Image"
        )
        lead = Entry(
            uid=key,
            portal_type="Image",
            url=entry.url,
            parent_uid="",
            modified=entry.modified,
            number=-1,
            path=entry.path,
        )
        self._remember(lead, image)
        self.known[key] = ("image", image.pk)
        return self._image_block(image.pk, item)

    def _set_body(self, page, blocks):
        blocks = [b for b in blocks if b]
        for block in blocks:
            if not block.get("id"):
                block["id"] = str(uuid.uuid4())
        if not _has_field(page, "body"):
            if _has_field(page, "agenda"):  # a working group's meeting
                page.agenda = "".join(b["value"] for b in blocks if b["type"] == "rich_text")
            return
        body_field = page._meta.get_field("body")
        if isinstance(body_field, StreamField):
            names = set(body_field.stream_block.child_blocks)
            page.body = [b for b in blocks if b["type"] in names]
        elif isinstance(body_field, RichTextField | models.TextField):
            page.body = "".join(b["value"] for b in blocks if b["type"] == "rich_text")

    @staticmethod
    def _set_schedule(page, item):
        effective = _parse_date(item.get("effective"))
        page.expire_at = _parse_date(item.get("expires"))
        page.go_live_at = effective if effective and effective > timezone.now() else None

    def _publish(self, page, item):
        """published → live (from ``effective``, until ``expires``); anything else → draft.
        Plone's dates go where Wagtail keeps them: ``effective`` (else ``created``) → first
        published, ``modified`` → last published and the time of the imported revision, so
        the history and "updated" dates do not all say "the day of the migration"."""
        now = timezone.now()
        effective = _past(_parse_date(item.get("effective")), now)
        created = _past(_parse_date(item.get("created")), now)
        modified = _past(_parse_date(item.get("modified")), now)
        expires = _parse_date(item.get("expires"))
        published = item.get("review_state") == "published" and not (expires and expires <= now)
        revision = page.save_revision()
        dates = {}
        if published:
            revision.publish()
            first = effective or created
            if first:
                dates["first_published_at"] = first
            if modified or first:
                dates["last_published_at"] = max(d for d in (modified, first) if d)
        elif page.live:
            page.unpublish()
        if modified:
            Revision.objects.filter(pk=revision.pk).update(created_at=modified)
            dates["latest_revision_created_at"] = modified
        if dates:
            Page.objects.filter(pk=page.pk).update(**dates)

    def _page_url(self, page):
        return page.get_url() or page.url_path

    # --- references --------------------------------------------------------------------------
    def _uid_for(self, href, base_path):
        match = RESOLVEUID.search(href)
        if match:
            return match.group(1)
        scheme = urlsplit(href).scheme.lower() if ":" in href else ""
        if href.startswith("#") or scheme not in ("", "http", "https"):
            return None  # mailto:, tel:, and unsafe schemes the converter drops
        absolute = href.startswith(("http://", "https://", "//"))
        path = None
        if absolute:
            for prefix in [*self.old_urls, self.portal_url]:
                if prefix and (href == prefix or href.startswith(prefix + "/")):
                    path = href[len(prefix) :] or "/"
                    break
            if path is None:
                return None
        else:
            path = urljoin(base_path if base_path.endswith("/") else base_path, href)
        path = self.old_path(urlsplit(path).path.replace("${portal_url}", ""))
        # A physical path (/Plone/a/b) of a site whose id is unknown: try without it too.
        for candidate in (path, "/" + path.lstrip("/").partition("/")[2]):
            for _i in range(4):
                uid = self.paths.get(candidate)
                if uid:
                    return uid
                if candidate in ("", "/"):
                    break
                candidate = candidate.rsplit("/", 1)[0] or "/"
        return ""

    def _link_for(self, uid, want_image=False):
        if want_image and f"{uid}#image" in self.known:
            return Link("image", self.known[f"{uid}#image"][1])
        uid = uid if uid in self.known or uid not in self.default_of else self.default_of[uid]
        if uid in self.known:
            kind, object_id = self.known[uid]
            if kind == "image":
                if want_image:
                    return Link("image", object_id)
                image = get_image_model().objects.filter(pk=object_id).first()
                return Link("url", url=image.file.url) if image else None
            if kind in ("page", "document"):
                return Link(kind, object_id)
        entry = self.index.get(uid)
        if entry is not None and entry.portal_type == "Link" and entry.remote_url:
            remote = entry.remote_url.replace("${portal_url}", "")
            if is_web_url(remote):
                return Link("url", url=remote)
            target = self._uid_for(remote, entry.path)
            if target and target != uid:
                return self._link_for(target)
            return None
        if entry is not None and self.is_page(entry) and entry.uid not in self.failed:
            self._pending_link = True  # created later in this run: link again afterwards
        return None

    def resolve(self, href, base_path):
        uid = self._uid_for(href, base_path)
        if uid is None:
            return Link("url", url=href)
        return self._link_for(uid) if uid else None

    def resolve_image(self, src, base_path):
        uid = self._uid_for(src, base_path)
        return self._link_for(uid, want_image=True) if uid else None

    # --- pass 4: links, relinking, order, redirects -------------------------------------------
    def _pass_links(self):
        for entry in self.index.values():
            if self.target(entry) != REDIRECT:
                continue
            self._savepoint({}, entry, self._import_link)

    def _import_link(self, item, entry):
        link = self._link_for(entry.uid)
        if link is None:
            raise ItemError(
                _("the link's address %(url)s is not a web address")
                % {"url": entry.remote_url[:200]}
            )
        page = Page.objects.filter(pk=link.object_id).first() if link.kind == "page" else None
        url = link.url
        if link.kind == "document":
            url = get_document_model().objects.get(pk=link.object_id).url
        redirect = self._redirect(entry.path, page=page, link=url)
        if redirect is None:
            raise ItemError(_("no redirect can be made from this address"))
        unchanged, stored = self._unchanged(entry)
        self._remember(entry, redirect)
        self.known[entry.uid] = ("redirect", redirect.pk)
        self.report.add(
            entry.path,
            entry.portal_type,
            "unchanged" if unchanged else "updated" if stored else "created",
            url or self._page_url(page),
            reason=_("redirect"),
        )

    def _pass_relink(self):
        """Pages whose text linked to pages created after them: convert the text again now
        that every page exists."""
        pending, self.relink = set(self.relink), set()
        for item in self._items(pending):
            entry = self.index[str(item["UID"])]
            page = Page.objects.filter(pk=self.known.get(entry.uid, (None, None))[1]).first()
            if page is None:
                continue
            page = page.specific
            with transaction.atomic():
                blocks = self._body(item, entry)
                self.relink.discard(entry.uid)
                if entry.uid in self.default_of:
                    self._set_body(page, blocks)
                else:
                    self._set_body(
                        page,
                        self._compose(item, entry, blocks, self._known_lead_image(item, entry)),
                    )
                self._store_body(page)
            self._report_links(entry)

    @staticmethod
    def _store_body(page):
        """Only the text changed (links resolved): write it to the page and into its latest
        revision instead of a new revision and a second publication."""
        name = "body" if _has_field(page, "body") else "agenda"
        if not _has_field(page, name):
            return
        type(page).objects.filter(pk=page.pk).update(**{name: getattr(page, name)})
        revision = page.latest_revision
        if revision is not None:
            revision.content[name] = page.serializable_data()[name]
            revision.save(update_fields=["content"])

    def _reorder(self):
        """Children of each folder in their Plone order (position in parent, else the order
        of the export)."""
        by_page = {}
        for uid, (kind, object_id) in self.known.items():
            if kind == "page" and uid in self.index:
                by_page.setdefault(object_id, uid)
        for parent_id in self.touched_parents:
            parent = Page.objects.filter(pk=parent_id).first()
            if parent is None:
                continue
            children = list(parent.get_children())
            imported = [c for c in children if c.pk in by_page]

            def key(page):
                entry = self.index[by_page[page.pk]]
                return (self.source.positions.get(entry.uid, 10**9), entry.number)

            wanted = sorted(imported, key=key)
            if [c.pk for c in imported] == [c.pk for c in wanted]:
                continue
            for child in wanted:
                Page.objects.get(pk=child.pk).move(parent, pos="last-child")

    def _item_redirects(self, entry, page=None, link=""):
        if page is not None:
            suffixes = PAGE_SUFFIXES
        elif self.target(entry) == IMAGE:
            suffixes = IMAGE_SUFFIXES
        else:
            suffixes = FILE_SUFFIXES
        for path in [entry.path, *(entry.path + s for s in suffixes)]:
            self._redirect(path, page=page, link=link)

    def _redirect(self, old_path, page=None, link=""):
        if not old_path or old_path == "/":
            return None
        normalised = Redirect.normalise_path(old_path)
        if page is not None:
            target_path = Redirect.normalise_path(page.get_url() or page.url_path or "")
        else:
            target_path = Redirect.normalise_path(link) if link.startswith("/") else ""
        if normalised == target_path or not normalised or normalised == "/":
            return None  # the new address is the old one: no redirect, no loop
        redirect, _created = Redirect.objects.update_or_create(
            old_path=normalised,
            site=self.site,
            defaults={
                # A draft's address answers 404 until an editor publishes it: a temporary
                # redirect, so that browsers and search engines do not remember it for good.
                "is_permanent": page is None or page.live,
                "redirect_page": page,
                "redirect_link": "" if page is not None else link[:255],
            },
        )
        return redirect

    def _export_redirects(self):
        for old, new in self.source.redirects.items():
            old_path = self.old_path(old)
            uid = self.paths.get(self.old_path(new))
            link = self._link_for(uid) if uid else None
            if link is None or link.kind == "image" and not link.url:
                self.report.add(
                    old_path,
                    "",
                    "skipped",
                    reason=_("redirect to %(path)s: the target was not imported")
                    % {"path": new[:200]},
                )
                continue
            page = Page.objects.filter(pk=link.object_id).first() if link.kind == "page" else None
            url = link.url
            if link.kind == "document":
                url = get_document_model().objects.get(pk=link.object_id).url
            if self._redirect(old_path, page=page, link=url or ""):
                self.report.add(old_path, "", "redirect", url or self._page_url(page))


def _has_field(obj, name):
    try:
        obj._meta.get_field(name)
    except Exception:
        return False
    return True


def _escape(text):
    from html import escape

    return escape(str(text))


def find_parent(value):
    """The parent page from an ID or an address (``/kpss/``) on the default site; None
    when there is none."""
    from wagtail.models import Site

    value = str(value or "").strip()
    if not value:
        site = Site.objects.filter(is_default_site=True).first()
        return site.root_page.specific if site else None
    if value.isdecimal():
        page = Page.objects.filter(pk=int(value)).first()
        return page.specific if page else None
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    path = site.root_page.url_path + "/".join(p for p in value.strip("/").split("/") if p)
    path = path.rstrip("/") + "/"
    page = Page.objects.filter(url_path=path).first()
    return page.specific if page else None


def import_plone(path, parent, type_map=None, old_urls=(), dry_run=False, progress=None):
    """Import the export at ``path`` under ``parent``; returns the Report. ``progress``, if
    given, is called as ``progress(items_done, items_total)`` every few seconds."""
    source = open_source(path)
    importer = Importer(
        source, parent, type_map=type_map, old_urls=old_urls, dry_run=dry_run, progress=progress
    )
    return importer.run()


__all__ = ["PloneImportError", "import_plone", "resolve_type_map", "find_parent", "Report"]
