"""The public catalogue page: list with facets and search, a detail URL per service, the
PDF and the open-data exports (routes of a single routable page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.slugs import AsciiSlugMixin


class CatalogPage(AsciiSlugMixin, RoutablePageMixin, Page):
    objects = KpssPageManager()
    kpss_site_section = True  # one per site, linked from other pages (site_pages.py)

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    per_page = models.PositiveSmallIntegerField(
        _("services per page"), default=20, help_text=_("Between 5 and 100.")
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = section_parent_page_types()
    subpage_types = []

    class Meta:
        verbose_name = _("catalogue of services")
        verbose_name_plural = _("catalogues of services")

    def service_url(self, service, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "service", kwargs={"pk": service.pk, "slug": service.slug}
        )

    @path("")
    def index_route(self, request):
        from catalog import views

        return views.catalogue_list(request, self)

    @path("sluzba/<int:pk>-<slug:slug>/", name="service")
    def service_route(self, request, pk, slug):
        from catalog import views

        return views.service_detail(request, self, pk, slug)

    @re_path(r"^sluzba/(?P<pk>\d+)/$", name="service_short")
    def service_short_route(self, request, pk):
        from catalog import views

        return views.service_detail(request, self, int(pk), None)

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        from catalog import views

        return views.catalogue_pdf(request, self)

    @path("otevrena-data/", name="open_data")
    def open_data_route(self, request):
        from catalog import views

        return views.open_data(request, self)
