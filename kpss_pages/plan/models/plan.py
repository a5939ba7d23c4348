"""Plan pages: the index of plans, one plan per period, and its (nested) chapters."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from kpss_pages.core.blocks import RICH_TEXT_FEATURES
from kpss_pages.core.page_queries import KpssPageManager, children
from kpss_pages.core.placement import section_parent_page_types
from kpss_pages.core.routing import PathRoutingMixin
from kpss_pages.core.slugs import AsciiSlugMixin

from ..blocks import PlanStreamBlock

# What the outline's entries show: number, title, address (``url_path``), level (depth).
OUTLINE_FIELDS = ("title", "path", "depth", "url_path", "slug", "live", "locale_id")


class PlanStatus(models.TextChoices):
    ANALYSIS = "analysis", _("In preparation: analytical phase")
    PROPOSAL = "proposal", _("In preparation: proposal phase")
    CONSULTATION = "consultation", _("Public consultation")
    APPROVED = "approved", _("Approved")
    IMPLEMENTATION = "implementation", _("In implementation")
    ARCHIVED = "archived", _("Archived")


STATUS_ORDER = list(PlanStatus.values)


class PlanIndexPage(AsciiSlugMixin, PathRoutingMixin, Page):
    """Lists all plans; the current one is shown prominently, older ones stay readable."""

    objects = KpssPageManager()
    kpss_site_section = True  # one per site, linked from other pages (site_pages.py)

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "kpss_plan/plan_index_page.html"
    parent_page_types = section_parent_page_types()
    subpage_types = ["kpss_plan.PlanPage", "kpss_plan.SurveyPage", "kpss_plan.ActivityPlanPage"]

    class Meta:
        verbose_name = _("plan index")
        verbose_name_plural = _("plan indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plans = list(PlanPage.objects.child_of(self).live().public().order_by("-start_year"))
        current = current_plan(plans)
        context["current_plan"] = current
        context["other_plans"] = [p for p in plans if p != current]
        context["other_pages"] = children(self).live().public().not_type(PlanPage).specific()
        return context


def current_plan(plans):
    """The plan in force this year, else the newest one that is not archived."""
    year = timezone.localdate().year
    active = [p for p in plans if p.status != PlanStatus.ARCHIVED]
    for plan in active:
        if plan.start_year <= year <= plan.end_year:
            return plan
    return active[0] if active else None


class PlanPage(AsciiSlugMixin, PathRoutingMixin, RoutablePageMixin, Page):
    """A community plan for a period, e.g. 2025–2028."""

    objects = KpssPageManager()

    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.ANALYSIS
    )
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    consultation_start = models.DateField(_("consultation opens"), null=True, blank=True)
    consultation_deadline = models.DateField(
        _("consultation deadline"),
        null=True,
        blank=True,
        help_text=_("Last day on which the public can comment on the draft."),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    resolution_number = models.CharField(
        _("council resolution number"),
        max_length=100,
        blank=True,
        help_text=_("E.g. ZM/12/2024"),
    )
    approved_by = models.CharField(
        _("approved by"), max_length=200, blank=True, help_text=_("E.g. Zastupitelstvo města")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The approved plan as a document, if there is one."),
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Period")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel(
                    [FieldPanel("consultation_start"), FieldPanel("consultation_deadline")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("approved_on"),
                        FieldPanel("resolution_number"),
                        FieldPanel("approved_by"),
                    ]
                ),
            ],
            heading=_("Status"),
        ),
        FieldPanel("document"),
    ]
    template = "kpss_plan/plan_page.html"
    parent_page_types = section_parent_page_types("kpss_plan.PlanIndexPage")
    subpage_types = ["kpss_plan.PlanChapterPage"]

    class Meta:
        verbose_name = _("community plan")
        verbose_name_plural = _("community plans")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The last year cannot be before the first year.")
        if self.status == PlanStatus.CONSULTATION and not self.consultation_deadline:
            errors["consultation_deadline"] = _("A public consultation needs a deadline.")
        if (
            self.consultation_start
            and self.consultation_deadline
            and self.consultation_deadline < self.consultation_start
        ):
            errors["consultation_deadline"] = _("The deadline cannot be before the opening.")
        if self.status in (PlanStatus.APPROVED, PlanStatus.IMPLEMENTATION):
            if not self.approved_on:
                errors["approved_on"] = _("Enter the date of approval.")
            if not self.resolution_number:
                errors["resolution_number"] = _("Enter the council resolution number.")
        if errors:
            raise ValidationError(errors)

    @property
    def period(self):
        return f"{self.start_year}–{self.end_year}"

    @property
    def consultation_open(self):
        if self.status != PlanStatus.CONSULTATION or not self.consultation_deadline:
            return False
        today = timezone.localdate()
        if self.consultation_start and today < self.consultation_start:
            return False
        return today <= self.consultation_deadline

    @property
    def consultation_closed(self):
        """The consultation took place and is over (forms say so instead of showing)."""
        return bool(self.consultation_deadline) and timezone.localdate() > (
            self.consultation_deadline
        )

    def timeline(self):
        """The stages of the plan's cycle with the state of each (done/current/upcoming)."""
        current = STATUS_ORDER.index(self.status)
        stages = []
        for i, (value, label) in enumerate(PlanStatus.choices):
            detail = ""
            if value == PlanStatus.CONSULTATION and self.consultation_deadline:
                detail = "deadline"
            elif value == PlanStatus.APPROVED and self.approved_on:
                detail = "approved"
            elif value == PlanStatus.IMPLEMENTATION:
                detail = "period"
            state = "done" if i < current else "current" if i == current else "upcoming"
            stages.append({"value": value, "label": label, "state": state, "detail": detail})
        return stages

    def chapters(self):
        """Live, public chapters in reading order (the tree's order)."""
        return PlanChapterPage.objects.descendant_of(self).live().public().order_by("path")

    @cached_property
    def outline(self):
        """Live chapters in reading order with their numbers ("2.3") and levels: what the
        contents, a chapter's pager and its subchapters show, so only the title and what
        the address needs is loaded (not each chapter's content)."""
        return self.numbered(self.chapters().only(*OUTLINE_FIELDS))

    def numbered(self, chapters):
        """``chapters`` (in reading order) with ``number`` and ``level`` set."""
        outline, counters = [], []
        base = self.depth
        for chapter in chapters:
            level = chapter.depth - base
            if level > len(counters) + 1:  # a draft parent hides its children's level
                level = len(counters) + 1
            counters = counters[:level]
            while len(counters) < level:
                counters.append(0)
            counters[-1] += 1
            chapter.number = ".".join(map(str, counters))
            chapter.level = level
            outline.append(chapter)
        return outline

    def report_years(self):
        from .monitoring import MeasureStatus

        return list(
            MeasureStatus.objects.filter(measure__priority__plan=self)
            .values_list("year", flat=True)
            .distinct()
            .order_by("year")
        )

    def yearly_report(self, year):
        """What the yearly report for ``year`` shows (its page, PDF, CSV and JSON)."""
        from .report import yearly_report

        return yearly_report(self, year)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = self.outline
        context["report_years"] = self.report_years()
        context["priorities"] = self.priorities.select_related("target_group")
        context["priority_count"] = self.priorities.count()
        return context

    # Sub-pages of the plan (views live in kpss_pages/plan/views/).
    @path("")
    def plan_home(self, request):
        return self.render(request)

    @path("opatreni/")
    def measures_overview(self, request):
        from ..views.measures import overview

        return overview(request, self)

    @path("opatreni/<str:number>/")
    def measure_detail(self, request, number):
        from ..views.measures import detail

        return detail(request, self, number)

    @path("zprava/<int:year>/")
    def report(self, request, year):
        from ..views.report import report_page

        return report_page(request, self, year)

    @path("zprava/<int:year>/<str:fmt>/")
    def report_export(self, request, year, fmt):
        from ..views.report import report_export

        return report_export(request, self, year, fmt)

    @path("vyporadani-pripominek/")
    def settlement(self, request):
        from ..views.comments import settlement_table

        return settlement_table(request, self)

    @path("vyporadani-pripominek/csv/")
    def settlement_csv(self, request):
        from ..views.comments import settlement_csv

        return settlement_csv(request, self)

    @path("pdf/")
    def plan_pdf(self, request):
        from ..pdf import plan_pdf_response

        return plan_pdf_response(request, self)


class PlanChapterPage(AsciiSlugMixin, Page):
    """A chapter of a plan; chapters nest and are numbered automatically."""

    objects = KpssPageManager()

    lead = models.TextField(_("lead"), blank=True, help_text=_("A short summary under the title."))
    body = StreamField(PlanStreamBlock(), verbose_name=_("content"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    template = "kpss_plan/plan_chapter_page.html"
    parent_page_types = ["kpss_plan.PlanPage", "kpss_plan.PlanChapterPage"]
    subpage_types = ["kpss_plan.PlanChapterPage"]

    class Meta:
        verbose_name = _("plan chapter")
        verbose_name_plural = _("plan chapters")

    @cached_property
    def plan(self):
        return PlanPage.objects.ancestor_of(self).order_by("-depth").first()

    def reading_position(self):
        """(number, previous chapter, next chapter) within the plan's reading order."""
        outline = self.plan.outline if self.plan else []
        for i, chapter in enumerate(outline):
            if chapter.pk == self.pk:
                prev_ch = outline[i - 1] if i > 0 else None
                next_ch = outline[i + 1] if i + 1 < len(outline) else None
                return chapter.number, prev_ch, next_ch
        return "", None, None

    def serve(self, request, *args, **kwargs):
        from ..views.comments import comment_form_context

        if self.plan is None:
            return super().serve(request, *args, **kwargs)
        result = comment_form_context(request, self.plan, chapter=self)
        if hasattr(result, "status_code"):
            return result
        request.comment_context = result
        response = super().serve(request, *args, **kwargs)
        response.status_code = result.get("comment_status", response.status_code)
        return response

    def subchapters(self):
        """Live, public chapters right under this one: from the plan's outline (already
        loaded for the pager) instead of another query."""
        if self.plan is None:
            return list(self.get_children().live().public())
        depth, path = self.depth + 1, self.path
        return [c for c in self.plan.outline if c.depth == depth and c.path.startswith(path)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        number, prev_ch, next_ch = self.reading_position()
        context.update(
            plan=self.plan,
            number=number,
            previous_chapter=prev_ch,
            next_chapter=next_ch,
            outline=self.plan.outline if self.plan else [],
            subchapters=self.subchapters(),
        )
        context.update(getattr(request, "comment_context", {}))
        return context
