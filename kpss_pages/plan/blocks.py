"""StreamField blocks of plan chapters: SWOT, statistics, charts, easy-to-read summaries,
documents and the placement of a plan's priorities and measures."""

import uuid
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from kpss_pages.core.blocks import CaptionedTableBlock, ContentStreamBlock, DocumentLinkBlock


def target_group_choices():
    from catalog.models import TargetGroup

    try:
        return [(g.slug, g.name) for g in TargetGroup.objects.all()]
    except Exception:  # the table may not exist yet (migrations)
        return []


class SwotBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=pgettext_lazy("heading", "Title"),
        max_length=200,
        help_text=_("E.g. SWOT analýza – senioři"),
    )
    strengths = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Strengths"))
    weaknesses = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Weaknesses"))
    opportunities = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Opportunities"))
    threats = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Threats"))

    class Meta:
        icon = "table"
        label = _("SWOT analysis")
        template = "kpss_plan/blocks/swot.html"


class StatisticsTableBlock(CaptionedTableBlock):
    source = blocks.CharBlock(label=_("Source"), max_length=250)
    year = blocks.IntegerBlock(label=_("Year of the data"), min_value=1900, max_value=2100)

    class Meta:
        icon = "table"
        label = _("Statistics table")
        template = "kpss_plan/blocks/statistics_table.html"


class ChartItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80)
    value = blocks.DecimalBlock(label=_("Value"), decimal_places=2)


class ChartBlock(blocks.StructBlock):
    """A bar chart drawn on the server as SVG, with its data table beside it."""

    title = blocks.CharBlock(label=pgettext_lazy("heading", "Title"), max_length=200)
    description = blocks.TextBlock(
        label=_("Description"),
        help_text=_("What the chart shows, for people who cannot see it."),
    )
    unit = blocks.CharBlock(label=_("Unit"), max_length=40, required=False)
    items = blocks.ListBlock(ChartItemBlock(), label=_("Data"), min_num=1)
    source = blocks.CharBlock(label=_("Source"), max_length=250, required=False)
    year = blocks.IntegerBlock(label=_("Year of the data"), required=False)

    BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_AREA = 26, 10, 200, 300

    class Meta:
        icon = "order"
        label = _("Chart")
        template = "kpss_plan/blocks/chart.html"

    def get_template(self, value=None, context=None):
        # The plan's PDF (kpss_pdf in its context) describes the chart in the SVG's title,
        # which WeasyPrint makes the tagged Figure's alternative text.
        if context and context.get("kpss_pdf"):
            return "kpss_plan/pdf/chart.html"
        return super().get_template(value, context)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        items = list(value["items"])
        top = max((Decimal(i["value"]) for i in items), default=Decimal(0)) or Decimal(1)
        bars = []
        for n, item in enumerate(items):
            val = Decimal(item["value"])
            width = int(self.BAR_AREA * max(val, Decimal(0)) / top) if top > 0 else 0
            y = n * (self.BAR_HEIGHT + self.GAP)
            bars.append(
                {
                    "label": item["label"],
                    "value": val.normalize() if val == val.to_integral() else val,
                    "y": y,
                    "text_y": y + self.BAR_HEIGHT * 0.7,
                    "width": width,
                    "value_x": self.LABEL_WIDTH + width + 6,
                }
            )
        context.update(
            chart_id=f"chart-{uuid.uuid4().hex[:8]}",
            bars=bars,
            bar_height=self.BAR_HEIGHT,
            label_x=self.LABEL_WIDTH - 8,
            bar_x=self.LABEL_WIDTH,
            svg_width=self.LABEL_WIDTH + self.BAR_AREA + 80,
            svg_height=max(len(bars) * (self.BAR_HEIGHT + self.GAP), self.BAR_HEIGHT),
        )
        return context


class DocumentsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200, default="Dokumenty")
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Documents")
        template = "kpss_plan/blocks/documents.html"


class EasyReadBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"), max_length=200, default="Srozumitelně")
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "ul", "ol", "link"],
        help_text=_("Short sentences, everyday words, one idea per sentence."),
    )

    class Meta:
        icon = "user"
        label = _("Easy-to-read summary")
        template = "kpss_plan/blocks/easy_read.html"


class MeasuresBlock(blocks.StructBlock):
    """Places the plan's priorities and measures of a target group or one priority."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    target_group = blocks.ChoiceBlock(
        label=_("Target group"), choices=target_group_choices, required=False
    )
    priority_number = blocks.IntegerBlock(
        label=_("Priority number"),
        required=False,
        min_value=1,
        help_text=_("Only this priority; leave empty for all priorities of the target group."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Priorities and measures")
        template = "kpss_plan/blocks/measures.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        plan = getattr(page, "plan", None) or (page if hasattr(page, "priorities") else None)
        priorities = []
        if plan is not None:
            qs = plan.priorities.all()
            if value.get("target_group"):
                qs = qs.filter(target_group__slug=value["target_group"])
            if value.get("priority_number"):
                qs = qs.filter(number=value["priority_number"])
            priorities = list(qs.with_measures())
        context.update(plan=plan, priorities=priorities)
        return context


class PlanStreamBlock(ContentStreamBlock):
    swot = SwotBlock()
    statistics = StatisticsTableBlock()
    chart = ChartBlock()
    documents = DocumentsBlock()
    easy_read = EasyReadBlock()
    measures = MeasuresBlock()

    class Meta:
        label = _("Chapter content")
