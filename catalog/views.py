"""Public views of the catalogue page (called from CatalogPage's routes)."""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kpss_pages.core.pdf import pdf_view_response
from kpss_pages.core.public_url import absolute_url
from kpss_pages.core.safe_values import is_web_url

from . import hsds
from .filtering import RELEVANCE, SORTS, CatalogFilter
from .models import Service
from .models.services import PLANNING_GROUPS_PREFETCH
from .pdf import catalogue_pdf as render_catalogue_pdf

LIST_PREFETCH = ("forms", "municipalities", "tags")
DETAIL_PREFETCH = (
    "forms",
    "municipalities",
    "tags",
    *PLANNING_GROUPS_PREFETCH,
    "age_groups",
    "places",
    "contacts",
)


def list_queryset(qs):
    return qs.select_related("provider", "service_type").prefetch_related(*LIST_PREFETCH)


class Listing:
    """The current page of results. Evaluated only when the template's results fragment is
    not in the cache (it is cached per catalogue version and query string)."""

    def __init__(self, state, page, request):
        self.state, self.page, self.request = state, page, request

    @cached_property
    def _result(self):
        qs, ranked_ids = self.state.results()
        per_page = min(max(self.page.per_page or 20, 5), 100)
        number = self.request.GET.get("page")
        if ranked_ids is not None:
            allowed = set(qs.values_list("pk", flat=True))
            paginator = Paginator([pk for pk in ranked_ids if pk in allowed], per_page)
            page_obj = paginator.get_page(number)
            by_pk = list_queryset(Service.objects.filter(pk__in=list(page_obj.object_list)))
            by_pk = by_pk.in_bulk()
            services = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
        else:
            paginator = Paginator(list_queryset(qs), per_page)
            page_obj = paginator.get_page(number)
            services = list(page_obj.object_list)
        for service in services:
            service.url = self.page.service_url(service, self.request)
        return paginator, page_obj, services

    @property
    def paginator(self):
        return self._result[0]

    @property
    def page_obj(self):
        return self._result[1]

    @property
    def services(self):
        return self._result[2]


def catalogue_list(request, page):
    state = CatalogFilter(request.GET)
    facets = state.facets()
    query = state.params()
    active_filters = []
    for facet in facets:
        for value, label, _count, _selected in facet.selected:
            params = query.copy()
            params.setlist(facet.param, [v for v in params.getlist(facet.param) if v != str(value)])
            params.pop("page", None)
            active_filters.append((facet.label, label, "?" + params.urlencode()))
    sorts = [(key, label) for key, (label, _order) in SORTS.items()]
    if state.query:
        sorts.insert(0, (RELEVANCE, _("relevance")))
    # Built from the recognised filter values only: unknown or repeated parameters must not
    # create new cache entries.
    page_number = request.GET.get("page", "")
    ascii_digits = page_number.isascii() and page_number.isdigit()  # "²" is a digit to isdigit()
    page_number = page_number if ascii_digits and len(page_number) <= 4 else "1"
    results_key = state.version_key(
        "results",
        f"{page.pk}|{page.per_page}|{get_language()}|{state.cache_key()}|{state.sort}|{page_number}",
    )
    return TemplateResponse(
        request,
        "catalog/catalog_page.html",
        {
            "page": page,
            "self": page,
            "state": state,
            "facets": facets,
            "active_filters": active_filters,
            "listing": Listing(state, page, request),
            "results_key": results_key,
            "results_seconds": state.cache_seconds,
            "pagination_query": query,
            "page_number": int(page_number),
            "sorts": sorts,
        },
    )


def service_detail(request, page, pk, slug):
    service = get_object_or_404(
        Service.objects.select_related(
            "provider", "service_type", "capacity_unit", "verified_by", "sign_language_page"
        ).prefetch_related(*DETAIL_PREFETCH),
        pk=pk,
    )
    if slug != service.slug:
        return redirect(page.service_url(service), permanent=True)
    planning_groups = service.planning_groups()
    return TemplateResponse(
        request,
        "catalog/service_detail.html",
        {
            "page": page,
            "self": page,
            "service": service,
            "planning_groups": planning_groups,
            "sign_language_video": service.sign_language_video(request),
            "json_ld": json_ld(service, absolute_url(request.path), planning_groups),
        },
    )


def json_ld(service, url, planning_groups):
    """schema.org description of a service, safe to embed in a <script> element."""
    provider = service.provider
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "url": url,
        "serviceType": str(service.service_type),
        "description": service.description,
        "provider": {
            "@type": "Organization",
            "name": provider.name,
            **({"taxID": provider.ico} if provider.ico else {}),
            **({"url": provider.web} if is_web_url(provider.web) else {}),
            **({"email": provider.email} if provider.email else {}),
            **({"telephone": provider.phone} if provider.phone else {}),
        },
        "areaServed": [
            {"@type": "City", "name": municipality.name}
            for municipality in service.municipalities.all()
        ],
        "audience": [
            {"@type": "Audience", "audienceType": group.name} for group in planning_groups
        ],
        "availableChannel": [
            {
                "@type": "ServiceChannel",
                "name": place.name or service.name,
                "serviceLocation": {
                    "@type": "Place",
                    "name": place.name or service.name,
                    **(
                        {
                            "address": {
                                "@type": "PostalAddress",
                                "streetAddress": place.street,
                                "addressLocality": place.city,
                                "postalCode": place.postcode,
                                "addressCountry": "CZ",
                            }
                        }
                        if place.address
                        else {}
                    ),
                },
            }
            for place in service.places.all()
        ],
    }
    if service.register_id:
        data["identifier"] = service.register_id
    if service.email:
        data["email"] = service.email
    if service.phone:
        data["telephone"] = service.phone
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def catalogue_pdf(request, page):
    """The printable catalogue: everything, or the selection given by the list's filters."""
    state = CatalogFilter(request.GET)
    title = page.title if not state.is_filtered else _("Selection from the catalogue of services")
    return pdf_view_response(
        request,
        lambda: render_catalogue_pdf(state if state.is_filtered else None, request, title),
        "katalog-sluzeb.pdf",
    )


OPEN_DATA_FILES = ("hsds.json", "hsds.zip", "sluzby.csv")


def open_data(request, page):
    urls = {
        name.replace(".", "_"): reverse("catalog_open_data", args=[name])
        for name in OPEN_DATA_FILES
    }
    return TemplateResponse(request, "catalog/open_data.html", {"page": page, "self": page, **urls})


def open_data_file(request, filename):
    """Open-data downloads (a plain URL: Wagtail page paths cannot contain dots)."""
    if filename == "hsds.json":
        response = JsonResponse(hsds.hsds_json(), json_dumps_params={"ensure_ascii": False})
    elif filename == "hsds.zip":
        response = HttpResponse(hsds.hsds_zip(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="katalog-hsds.zip"'
    elif filename == "sluzby.csv":
        response = HttpResponse(hsds.simple_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="katalog-sluzeb.csv"'
    else:
        raise Http404
    response["Access-Control-Allow-Origin"] = "*"
    return response
