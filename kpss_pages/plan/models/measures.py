"""Priorities and measures of a plan (structured data, edited as snippets)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .monitoring import MeasureStatus

MEASURE_NUMBER_RE = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


class PriorityQuerySet(models.QuerySet):
    def with_measures(self, measures=None):
        """Priorities with ``shown_measures`` (by default every measure, listed): what the
        measures overview, the measures block and the plan PDF show, in a constant number
        of queries for any size."""
        measures = measures if measures is not None else Measure.objects.listed()
        return self.select_related("target_group").prefetch_related(
            Prefetch("measures", queryset=measures, to_attr="shown_measures")
        )


class MeasureQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def with_status(self):
        """Annotate ``latest_status`` and ``latest_year`` (one subquery, no per-row queries)."""
        latest = MeasureStatus.objects.filter(measure=OuterRef("pk")).order_by("-year")
        return self.annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_year=Subquery(latest.values("year")[:1]),
        )

    def listed(self):
        """Measures as lists of them show them (the overview, the measures block): with
        their latest status; the plan's PDF adds ``with_indicators()``."""
        return self.with_status()

    def with_indicators(self):
        return self.prefetch_related("indicators")


class Priority(index.Indexed, models.Model):
    plan = models.ForeignKey(
        "kpss_plan.PlanPage",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="priorities",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    target_group = models.ForeignKey(
        "catalog.TargetGroup",
        verbose_name=_("target group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_priorities",
        help_text=_("Leave empty for a priority common to all groups."),
    )
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("target_group")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="kpss_plan_priority_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title} ({self.plan.period})"

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        if (
            self.plan_id
            and self.number
            and (
                Priority.objects.filter(plan_id=self.plan_id, number=self.number)
                .exclude(pk=self.pk)
                .exists()
            )
        ):
            raise ValidationError(
                {"number": _("This plan already has a priority with this number.")}
            )


class Measure(index.Indexed, ClusterableModel):
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.CharField(
        _("number"), max_length=10, help_text=_("Priority number and order, e.g. 1.1")
    )
    sequence = models.PositiveSmallIntegerField(_("order within the priority"), editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible body"), max_length=300, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    timeframe = models.CharField(
        _("timeframe"), max_length=200, blank=True, help_text=_("E.g. 2025–2026 or ongoing")
    )
    estimated_cost = models.DecimalField(
        _("estimated cost (CZK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    cost_note = models.CharField(
        _("cost note"), max_length=200, blank=True, help_text=_("E.g. per year, one-off")
    )
    funding_sources = models.TextField(_("funding sources"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("priority"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("timeframe")]),
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("responsible"), FieldPanel("partners")], heading=_("Who carries it out")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("estimated_cost"), FieldPanel("cost_note")]),
                FieldPanel("funding_sources"),
            ],
            heading=_("Cost and funding"),
        ),
        InlinePanel("indicators", label=_("Indicators"), heading=_("Indicators")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
    ]

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["priority__number", "sequence"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="kpss_plan_measure_number")
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def clean(self):
        super().clean()
        match = MEASURE_NUMBER_RE.match(self.number or "")
        if not match:
            raise ValidationError({"number": _("Enter the number as priority.order, e.g. 1.2.")})
        if self.priority_id and int(match.group(1)) != self.priority.number:
            raise ValidationError(
                {
                    "number": _("The number must start with the priority's number (%(n)s.).")
                    % {"n": self.priority.number}
                }
            )
        if self.priority_id and (
            Measure.objects.filter(priority__plan_id=self.priority.plan_id, number=self.number)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"number": _("This plan already has a measure with this number.")}
            )

    def get_url(self, request=None):
        """The measure's page under its plan (``PlanPage.measure_detail``)."""
        plan = self.priority.plan
        plan_url = plan.get_url(request)
        if not plan_url:
            return None
        return plan_url + plan.reverse_subpage("measure_detail", args=[self.url_slug])

    @property
    def url_slug(self):
        """Wagtail's page URLs allow no dots: measure 1.2 lives at …/opatreni/1-2/."""
        return self.number.replace(".", "-")

    @property
    def latest_status_label(self):
        """Label of the ``latest_status`` annotation (see MeasureQuerySet.with_status)."""
        from .monitoring import MonitoringStatus

        status = getattr(self, "latest_status", None)
        return MonitoringStatus(status).label if status else None

    def save(self, *args, **kwargs):
        match = MEASURE_NUMBER_RE.match(self.number or "")
        self.sequence = int(match.group(2)) if match else 0
        super().save(*args, **kwargs)


class Indicator(Orderable):
    measure = ParentalKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("E.g. osob, akcí"))
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("target_value"), FieldPanel("unit")])]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name
