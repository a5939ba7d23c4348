"""The harmonogram: the schedule of all groups' meetings in a planning cycle."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.slugs import AsciiSlugMixin

from .vocabulary import CALENDAR_SUFFIX


class HarmonogramPage(AsciiSlugMixin, RoutablePageMixin, Page):
    objects = KpssPageManager()
    kpss_site_section = True  # one per site, linked from other pages (site_pages.py)

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    cycle_name = models.CharField(
        _("planning cycle"), max_length=200, blank=True, help_text=_("E.g. Plan 2025–2028")
    )
    cycle_start = models.DateField(
        _("cycle starts"), null=True, blank=True, help_text=_("Empty: all meetings so far.")
    )
    cycle_end = models.DateField(
        _("cycle ends"), null=True, blank=True, help_text=_("Empty: all future meetings.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("cycle_name"),
                FieldRowPanel([FieldPanel("cycle_start"), FieldPanel("cycle_end")]),
            ],
            heading=_("Planning cycle"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    template = "kpss_groups/harmonogram_page.html"
    parent_page_types = section_parent_page_types("kpss_groups.WorkingGroupIndexPage")
    subpage_types = []

    class Meta:
        verbose_name = _("harmonogram of meetings")
        verbose_name_plural = _("harmonograms of meetings")

    @property
    def calendar_url(self):
        return self.url + CALENDAR_SUFFIX

    def cycle_meetings(self):
        from ..harmonogram import cycle_meetings

        return cycle_meetings(self)

    @path("")
    def index_route(self, request):
        from ..views import harmonogram_page

        return harmonogram_page(request, self)

    def calendar(self, request):
        from ..ical import calendar_response

        return calendar_response(
            request, self.cycle_meetings(), name=self.title, filename="harmonogram.ics"
        )
