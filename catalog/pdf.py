"""The printable catalogue (PDF): cover, contents by service type, one entry per service,
indexes by municipality and by target group. Cached until any service or provider changes."""

from collections import defaultdict

from django.utils import timezone
from wagtail.models import Site

from kpss_pages.core.models import KpssSettings
from kpss_pages.core.pdf import cached_pdf

from .cache_version import catalogue_version
from .models import Service
from .models.services import PLANNING_GROUPS_PREFETCH

PDF_PREFETCH = (
    "forms",
    "municipalities",
    *PLANNING_GROUPS_PREFETCH,
    "places",
    "contacts",
    "tags",
)


def catalogue_services(state=None):
    qs = state.queryset() if state is not None else Service.objects.active()
    return (
        qs.select_related("provider", "service_type", "capacity_unit")
        .prefetch_related(*PDF_PREFETCH)
        .order_by("service_type__order", "service_type__name", "name", "pk")
    )


def pdf_cache_key(state=None):
    return ["catalog", catalogue_version(), state.cache_key() if state is not None else ""]


def build_context(services, request=None, title="", selection=()):
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
    site_settings = KpssSettings.for_site(site) if site else None
    sections, by_municipality, by_group = [], defaultdict(list), defaultdict(list)
    for number, service in enumerate(services, start=1):
        # The indexes refer to entry numbers, not pages: page references (CSS
        # target-counter) made WeasyPrint lay the long indexes out again and again.
        service.number = number
        if not sections or sections[-1][0] != service.service_type:
            sections.append((service.service_type, []))
        sections[-1][1].append(service)
        for municipality in service.municipalities.all():
            by_municipality[municipality].append(service)
        for group in service.planning_groups():
            by_group[group].append(service)
    return {
        "title": title,
        "selection": selection,
        "town": (site_settings.municipality_name if site_settings else "") or "",
        "orp": (site_settings.orp_name if site_settings else "") or "",
        "settings_obj": site_settings,
        "year": timezone.localdate().year,
        "sections": sections,
        "count": sum(len(items) for _, items in sections),
        "by_municipality": sorted(
            by_municipality.items(), key=lambda item: (item[0].order, item[0].name)
        ),
        "by_group": sorted(by_group.items(), key=lambda item: (item[0].order, item[0].name)),
    }


def whole_catalogue_titles():
    """Cover titles of the whole catalogue: each live catalogue page's title, the title the
    public download uses (the admin's download takes the first, so both share one cached
    PDF), or the default title when the site has no catalogue page."""
    from .models import CatalogPage

    return sorted(set(CatalogPage.objects.live().values_list("title", flat=True))) or [""]


def render_whole_catalogue():
    """Put the whole catalogue's PDF in the cache for every cover title, unless it is there;
    return (title, size in bytes) pairs."""
    return [(title, len(catalogue_pdf(None, None, title))) for title in whole_catalogue_titles()]


def catalogue_pdf(state=None, request=None, title=""):
    """PDF bytes of the whole active catalogue or of a filtered selection."""
    return cached_pdf(
        pdf_cache_key(state) + [title],
        "catalog/pdf/catalogue.html",
        lambda: build_context(
            catalogue_services(state),
            request,
            title,
            state.selection() if state is not None else (),
        ),
        request=request,
    )
