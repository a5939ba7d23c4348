"""A general page of the KPSS section: its landing page in a town's site, pages about the
planning process, folders imported from Plone."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from kpss_pages.core.page_queries import KpssPageManager, children
from kpss_pages.core.routing import PathRoutingMixin
from kpss_pages.core.slugs import AsciiSlugMixin

from ..blocks import ContentStreamBlock
from ..placement import section_parent_page_types


class SectionPage(AsciiSlugMixin, PathRoutingMixin, Page):
    objects = KpssPageManager()

    lead = models.TextField(_("lead"), blank=True, help_text=_("A short summary under the title."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)
    show_subpages = models.BooleanField(
        _("list subpages"), default=True, help_text=_("Show links to the pages below this one.")
    )

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("show_subpages"),
    ]

    parent_page_types = section_parent_page_types("kpss_core.SectionPage")

    class Meta:
        verbose_name = _("community planning page")
        verbose_name_plural = _("community planning pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.show_subpages:
            context["subpages"] = children(self).live().public()
        return context
