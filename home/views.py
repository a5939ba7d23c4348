"""Site-wide search over every live, public page type."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

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
    results = Page.objects.none()
    if terms:
        results = Page.objects.live().public().specific().search(terms)
        Query.get(terms).add_hit()
    paginator = Paginator(results, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "home/search.html",
        {"search_query": query, "search_results": page, "paginator": paginator},
    )
