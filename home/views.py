"""Site-wide search: pages, catalogue services, plan measures and documents (home/search.py)."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from .search import (
    FORMAT_KEYS,
    FORMATS,
    KINDS,
    add_page_excerpts,
    record_search,
    search_everything,
    search_formats,
)

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
WORD = re.compile(r"\w+")


def search_terms(query):
    """Only words reach the search backend: quotes, operators and control characters in
    what people type would otherwise be syntax errors in SQLite FTS5 or PostgreSQL."""
    return " ".join(WORD.findall(query))


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    kind = request.GET.get("typ", "")
    if terms:
        by_kind = search_everything(request, terms)
        formats = search_formats(request, terms)
        record_search(terms)
    elif kind in FORMAT_KEYS:  # a list of one accessible format, no words needed
        by_kind, formats = {}, search_formats(request, "", only=kind)
    else:
        by_kind, formats = {}, {}
    found = {**by_kind, **formats}
    if kind not in found:
        kind = ""
    results = found[kind] if kind else [r for items in by_kind.values() for r in items]
    paginator = Paginator(results, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    add_page_excerpts(page.object_list)
    labels = [(key, label) for key, label, *_rest in (*KINDS, *FORMATS)]
    kinds = [(key, label, len(found[key])) for key, label in labels if found.get(key)]
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "search_results": page,
            "paginator": paginator,
            "kinds": kinds,
            "kind": kind,
            "kind_label": dict(labels).get(kind, ""),
            "formats": [(key, label) for key, label, *_rest in FORMATS],
            "total": sum(len(items) for items in by_kind.values()),
        },
    )
