"""The reference site's home page and general content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES, ContentStreamBlock
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.routing import PathRoutingMixin
from kpss_pages.core.slugs import AsciiSlugMixin

HOME_SECTIONS_HOOK = "kpss_home_sections"


class HomePage(AsciiSlugMixin, PathRoutingMixin, Page):
    """The root of a KPSS site. Other apps add sections through the
    ``kpss_home_sections`` hook (see ``home/sections.py``)."""

    objects = KpssPageManager()

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = collect_home_sections(self, request)
        return context


def collect_home_sections(page, request):
    """Each hook returns ``None`` or a dict with ``order``, ``template`` and its context."""
    sections = []
    for fn in hooks.get_hooks(HOME_SECTIONS_HOOK):
        section = fn(page, request)
        if section:
            sections.append(section)
    return sorted(sections, key=lambda s: s.get("order", 100))


class ContentPage(AsciiSlugMixin, PathRoutingMixin, Page):
    """A general page: about the project, how to take part, contacts, accessibility…"""

    objects = KpssPageManager()

    lead = models.TextField(_("lead"), blank=True, help_text=_("A short summary under the title."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)
    show_subpages = models.BooleanField(
        _("list subpages"), default=False, help_text=_("Show links to the pages below this one.")
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

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage", "catalog.CatalogPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
