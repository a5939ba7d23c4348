"""The commission's plan of activities for a year, by quarter, tracked as done/not done."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.slugs import AsciiSlugMixin


class Quarter(models.IntegerChoices):
    Q1 = 1, _("January – March")
    Q2 = 2, _("April – June")
    Q3 = 3, _("July – September")
    Q4 = 4, _("October – December")


class ActivityPlanPage(AsciiSlugMixin, Page):
    objects = KpssPageManager()

    year = models.PositiveSmallIntegerField(_("year"))
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        FieldPanel("intro"),
        InlinePanel("activities", label=_("Planned activities")),
    ]
    template = "kpss_plan/activity_plan_page.html"
    parent_page_types = section_parent_page_types("kpss_plan.PlanIndexPage")
    subpage_types = []

    class Meta:
        verbose_name = _("commission activity plan")
        verbose_name_plural = _("commission activity plans")

    def quarters(self):
        activities = list(self.activities.all())
        result = []
        for value, label in Quarter.choices:
            items = [a for a in activities if a.quarter == value]
            done = sum(1 for a in items if a.done)
            result.append({"label": label, "number": value, "items": items, "done": done})
        return result


class PlannedActivity(Orderable):
    page = ParentalKey(
        ActivityPlanPage,
        verbose_name=_("activity plan"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    title = models.CharField(_("activity"), max_length=300)
    done = models.BooleanField(_("done"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("quarter"), FieldPanel("done")]),
        FieldPanel("title"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
