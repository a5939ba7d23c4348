"""Site-wide search: pages, catalogue services, plan measures and documents (home/search.py)."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query

from .search import KINDS, search_everything

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
    by_kind = search_everything(request, terms) if terms else {}
    if terms:
        Query.get(terms).add_hit()
    kind = request.GET.get("typ", "")
    if kind not in by_kind:
        kind = ""
    results = by_kind[kind] if kind else [r for found in by_kind.values() for r in found]
    paginator = Paginator(results, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    kinds = [
        (key, label, len(by_kind.get(key, ()))) for key, label, _source in KINDS if by_kind.get(key)
    ]
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "search_results": page,
            "paginator": paginator,
            "kinds": kinds,
            "kind": kind,
            "kind_label": dict((key, label) for key, label, _s in KINDS).get(kind, ""),
            "total": sum(len(found) for found in by_kind.values()),
        },
    )
