"""Routing to a page deep in the tree in one query instead of two per level.

Wagtail's ``Page.route`` looks up one child by slug and loads its specific object for
every segment of the address, so a meeting (``/groups/seniors/meeting/``) costs seven
queries before its view runs. ``PathRoutingMixin.route`` loads every page along the
address at once by ``url_path`` and walks them with Wagtail's own rules: a routable page
on the way still answers its sub-addresses first (only when it is live, as
``RoutablePageMixin`` does), a page with a ``route`` of its own takes over the rest of the
address, and the last page decides (live → served, else 404)."""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _walks_like_wagtail(cls):
    return cls.route in (Page.route, RoutablePageMixin.route, PathRoutingMixin.route)


def _answers_sub_address(cls, components):
    if not issubclass(cls, RoutablePageMixin):
        return False
    try:
        cls.get_resolver().resolve("/" + "/".join(components) + "/")
    except (Http404, Resolver404):
        return False
    return True


def _specific(page):
    """``page.specific``, with the relations its type names in ``route_select_related``
    (the generic page came from the query above and carries nothing to copy)."""
    cls = page.specific_class
    related = getattr(cls, "route_select_related", ()) if cls is not None else ()
    if not related:
        return page.specific
    return cls._default_manager.select_related(*related).get(pk=page.pk)


class PathRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = []
        url_path = self.url_path
        for component in path_components:
            url_path += component + "/"
            prefixes.append(url_path)
        along = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            )
        }
        page = self
        chain = [self]
        for index, url_path in enumerate(prefixes):
            remaining = path_components[index:]
            cls = type(page) if page is self else page.specific_class
            if cls is None:
                raise Http404
            if page is not self and not _walks_like_wagtail(cls):
                return page.specific.route(request, remaining)
            if page.live and _answers_sub_address(cls, remaining):
                specific = page if page is self else page.specific
                request._kpss_route_chain = chain[:-1] + [specific]
                return RoutablePageMixin.route(specific, request, remaining)
            page = along.get(url_path)
            if page is None or page.depth != self.depth + index + 1:
                raise Http404
            chain.append(page)
        result = _specific(page).route(request, [])
        request._kpss_route_chain = chain[:-1] + [result.page]
        return result


def ancestors(request, page):
    """``page``'s ancestors from the site root down (depth > 1), live ones only, as the
    routing above already loaded them for this request; read from the tree otherwise."""
    chain = getattr(request, "_kpss_route_chain", None) if request is not None else None
    if chain and chain[-1].pk == page.pk and chain[0].depth <= 2:
        return [p for p in chain[:-1] if p.depth > 1 and p.live]
    return list(page.get_ancestors().filter(depth__gt=1).live())
