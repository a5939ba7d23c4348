"""Template tags other apps use to show catalogue services (e.g. on working-group pages)."""

from django import template
from django.template.loader import render_to_string

from catalog.models import CatalogPage, Service
from kpss_pages.core.page_cache.fragments import cached_fragment
from kpss_pages.core.safe_values import is_web_url
from kpss_pages.core.site_pages import first_site_page

register = template.Library()


@register.simple_tag(takes_context=True)
def services_for_target_group(context, target_group, limit=8):
    """A short list of a planning group's active services (linked directly or through its
    register target groups) with a link to the catalogue filtered by that group; kept
    under the content generation (catalogue changes replace it)."""
    request = context.get("request")
    catalog = first_site_page(CatalogPage, request, context.get("page"))

    def render():
        return render_to_string(
            "catalog/includes/services_for_target_group.html",
            _services_context(request, catalog, target_group, limit),
            request,
        )

    parts = (getattr(target_group, "pk", None), limit, getattr(catalog, "pk", None))
    return cached_fragment(request, "group-services", parts, render)


def _services_context(request, catalog, target_group, limit):
    if target_group is None:
        return {"services": [], "catalog": None}
    ids = Service.objects.for_planning_groups([target_group]).values("pk")
    services = list(
        Service.objects.active()
        .filter(pk__in=ids)
        .select_related("provider", "service_type")
        .order_by("name")[: limit + 1]
    )
    if catalog:
        for service in services:
            service.url = catalog.service_url(service, request)
    return {
        "target_group": target_group,
        "services": services[:limit],
        "has_more": len(services) > limit,
        "catalog": catalog,
        "catalog_url": f"{catalog.get_url(request)}?skupina={target_group.slug}" if catalog else "",
    }


@register.filter
def web_url(value):
    """``value`` if it is an http(s) address, else "" — a second line of defence behind the
    model validators and the importer, so a ``javascript:`` link stored by other means
    never reaches an ``href``."""
    return value if is_web_url(value) else ""
