"""What the site search looks through and how a result is shown: pages (articles, plan
chapters, meetings, …), catalogue services, plan measures and documents, in one list.

Each kind is searched with the backend's full-text search (diacritics and case ignored:
SQLite FTS5 folds them, PostgreSQL uses the ``czech_unaccent`` configuration); when the
words find nothing, as when the last word is not typed out (``senio``, ``dluh``), the
same query runs as an autocomplete (prefix) search, as the catalogue does."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, partial

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Site
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.utils import normalise_query_string

from catalog.models import CatalogPage, Service
from kpss_pages.core.page_cache.fragments import cached_fragment
from kpss_pages.core.page_queries import is_sign_language_video, pages_with_block
from kpss_pages.core.page_queries import pages as all_pages
from kpss_pages.core.site_pages import first_site_page
from kpss_pages.plan.models import Measure

PER_KIND = 100
EXCERPT_FIELDS = ("lead", "intro", "description")
RESULT_PAGE_FIELDS = ("title", "url_path", "path", "depth", "content_type", "locale")
EXCERPT_CHARS = 240


@dataclass
class Result:
    kind: str
    kind_label: str
    title: str
    # The address, or a function that works it out when the result is shown (a page's or a
    # service's: dozens are found for the counts, ten are shown).
    link: object
    # The text the excerpt is cut from. A page's comes from its own fields (lead, intro, …):
    # those are read only for the results shown (add_page_excerpts), one query per page
    # type on the results page.
    text: str
    terms: str = ""
    page: object = None

    @property
    def title_html(self):
        return highlight(self.title, self.terms)

    @cached_property
    def url(self):
        return self.link() if callable(self.link) else self.link

    @cached_property
    def excerpt(self):
        # Cut and highlighted when shown: a search lists up to PER_KIND results of each kind
        # for the counts, a results page shows ten.
        return highlight(self.text, self.terms)


def _search(queryset, terms):
    found = list(queryset.search(terms, operator="and")[:PER_KIND])
    if not found:
        found = list(queryset.autocomplete(terms, operator="and")[:PER_KIND])
    return found


def _pages(request, terms):
    """The live, public pages of the current site the words find (generic pages: their
    own fields are read for the shown results only, see add_page_excerpts)."""
    cached = getattr(request, "_kpss_found_pages", None)
    if cached is not None and cached[0] == terms:
        return cached[1]
    site = Site.find_for_request(request)
    # What a result shows and links to; the rest is read for the shown ones only.
    pages = all_pages().live().public().only(*RESULT_PAGE_FIELDS)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    found = _search(pages, terms)
    request._kpss_found_pages = (terms, found)
    return found


def _page_results(request, terms):
    for page in _pages(request, terms):
        label = page.specific_class.get_verbose_name() if page.specific_class else ""
        # found within the site's root page, so every one has an address in this site
        yield page.title, partial(page.get_url, request), None, str(label).capitalize(), page


def _page_result(kind, label, page, request, terms):
    return Result(kind, label, page.title, partial(page.get_url, request), "", terms, page=page)


def add_page_excerpts(results):
    """Fill in the excerpts of the page results among ``results`` (the ones shown): the
    description for search engines if the editor wrote one, else the page's lead, intro or
    description (rich text as plain text), with the words highlighted."""
    pending = [r for r in results if r.page is not None and not r.text]
    if not pending:
        return
    by_type = {}
    for result in pending:
        by_type.setdefault(result.page.specific_class, []).append(result.page.pk)
    texts = {}
    # One query per page type among the results shown, for the few columns an excerpt
    # may come from (the generic pages already carry their types).
    for model, pks in by_type.items():
        if model is None:
            continue
        fields = _excerpt_fields(model)
        rows = model._default_manager.filter(pk__in=pks).values_list(
            "pk", "search_description", *(name for name, _rich in fields)
        )
        for pk, description, *values in rows:
            texts[pk] = description or _first_text(zip(fields, values, strict=True))
    for result in pending:
        result.text = texts.get(result.page.pk, "")


def _excerpt_fields(model):
    """``[(name, is rich text), …]`` of the model's own fields an excerpt may come from."""
    found = []
    for name in EXCERPT_FIELDS:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete:
            found.append((name, isinstance(field, RichTextField)))
    return found


def _first_text(fields_and_values):
    for (_name, rich), value in fields_and_values:
        if isinstance(value, str) and value.strip():
            # rich text is HTML: an excerpt shows its words, not its tags
            return get_text_for_indexing(value) if rich else value
    return ""


def record_search(terms):
    """Count a search for the admin's report of popular searches (Wagtail's search
    promotions). The usual case, words already searched today, is one UPDATE; Wagtail's
    ``Query.get(terms).add_hit()`` reads the query and the day's count first (three queries
    on every search)."""
    today = timezone.now().date()  # the day as Query.add_hit counts it
    counted = QueryDailyHits.objects.filter(
        query__query_string=normalise_query_string(terms), date=today
    ).update(hits=F("hits") + 1)
    if not counted:
        Query.get(terms).add_hit(today)


def _services(request, terms):
    catalogue = first_site_page(CatalogPage, request)
    if catalogue is None:
        return
    for service in _search(Service.objects.filter(is_ended=False), terms):
        if not service.is_active:  # validity dates are not in the search index
            continue
        link = partial(catalogue.service_url, service, request)
        yield service.name, link, service.description, "", None


def _measures(request, terms):
    for measure in _search(Measure.objects.select_related("priority__plan"), terms):
        if not measure.priority.plan.live:  # a draft plan's measures (not in the index)
            continue
        title = f"{measure.number} {measure.title}"
        yield title, measure.get_url(request), measure.description, "", None


def _restricted_collection_paths(request):
    """Tree paths of the collections with a view restriction (each covers its
    sub-collections), kept under the content generation."""
    from wagtail.models import CollectionViewRestriction

    return cached_fragment(
        request,
        "restricted-collections",
        (),
        lambda: list(CollectionViewRestriction.objects.values_list("collection__path", flat=True)),
    )


def _documents(request, terms):
    restricted = tuple(_restricted_collection_paths(request))
    queryset = get_document_model().objects.select_related("collection")
    for document in _search(queryset, terms):
        if restricted and document.collection.path.startswith(restricted):
            continue  # a restricted collection's file is not for the public
        yield document.title, document.url, "", "", None


KINDS = (
    ("stranky", pgettext_lazy("search results", "Pages"), _page_results),
    ("sluzby", pgettext_lazy("search results", "Services in the catalogue"), _services),
    ("opatreni", pgettext_lazy("search results", "Measures of the plan"), _measures),
    ("dokumenty", pgettext_lazy("search results", "Documents"), _documents),
)


# Accessible formats: pages with an easy-to-read summary or a video in sign language,
# listed with ?typ= even without words (each also a filter of a search's results).
FORMATS = (
    ("snadne-cteni", pgettext_lazy("search results", "Easy to read"), "easy_read", None),
    (
        "znakova-rec",
        pgettext_lazy("search results", "In sign language"),
        "video",
        is_sign_language_video,
    ),
)
FORMAT_KEYS = {key for key, *_rest in FORMATS}


def _format_pages(request, key, block_type, predicate, root):
    """The pages of one accessible format (all of them): which pages hold such a block
    changes only with the content, so their ids are kept under the content generation."""
    ids = cached_fragment(
        request,
        f"format-pages-{key}",
        (root.pk if root is not None else None,),
        lambda: [page.pk for page in pages_with_block(block_type, predicate, within=root)],
    )
    return ids


def search_formats(request, terms, only=None):
    """``{kind: [Result, …]}`` of the accessible formats; all such pages without ``terms``,
    else those the words find (the pages found by the site search, no search of its
    own); ``only``: one kind."""
    site = Site.find_for_request(request)
    root = site.root_page if site is not None else None
    results = {}
    for key, label, block_type, predicate in FORMATS:
        if only and key != only:
            continue
        ids = _format_pages(request, key, block_type, predicate, root)
        if terms:
            found = [page for page in _pages(request, terms) if page.pk in set(ids)]
            found.sort(key=lambda page: page.path)
        else:
            found = list(all_pages().filter(pk__in=ids).order_by("path")) if ids else []
        shown = (_page_result(key, str(label), page, request, terms) for page in found)
        results[key] = [result for result in shown if result.url]
    return results


def search_everything(request, terms):
    """``{kind: [Result, …]}`` in the order of KINDS (page excerpts: add_page_excerpts)."""
    results = {}
    for kind, label, source in KINDS:
        results[kind] = [
            Result(
                kind,
                item_label or str(label),
                title,
                url,
                text or "",
                terms,
                page=page,
            )
            for title, url, text, item_label, page in source(request, terms)
            if url
        ]
    return results


def _fold(text):
    """Lower case without diacritics, one character for each character of ``text``, so
    positions found in the folded text are positions in the original."""
    folded = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        folded.append(base if len(base) == 1 else char)
    return "".join(folded)


def highlight(text, terms):
    """An excerpt of ``text`` around the first word that starts like one of ``terms``,
    with every such word in <mark>; HTML-escaped."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return ""
    words = [_fold(term) for term in terms.split() if term]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*") if words else None
    folded = _fold(text)
    first = pattern.search(folded) if pattern else None
    start = max(0, first.start() - EXCERPT_CHARS // 3) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + EXCERPT_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    parts, position = [], start
    for match in pattern.finditer(folded, start, end) if pattern else ():
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    parts.append(escape(text[position:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
