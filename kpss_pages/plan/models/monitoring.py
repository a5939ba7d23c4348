"""Yearly monitoring: the status of each measure and the values of its indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitoringStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    CONTINUOUS = "continuous", _("Continuous")


class MeasureStatus(models.Model):
    measure = models.ForeignKey(
        "kpss_plan.Measure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="statuses",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=MonitoringStatus.choices)
    commentary = models.TextField(_("commentary"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("measure status")
        verbose_name_plural = _("measure statuses")
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="kpss_plan_status_year")
        ]

    def __str__(self):
        return f"{self.measure.number} {self.year}: {self.get_status_display()}"


class IndicatorValue(models.Model):
    record = models.ForeignKey(
        MeasureStatus, verbose_name=_("status"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        "kpss_plan.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["record", "indicator"], name="kpss_plan_value_uniq")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class YearReport(models.Model):
    """How the yearly report went through the council and to the regional office."""

    plan = models.ForeignKey(
        "kpss_plan.PlanPage",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="year_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A short commentary shown at the top of the report.")
    )
    council_date = models.DateField(_("discussed by the council on"), null=True, blank=True)
    council_resolution = models.CharField(
        _("council resolution number"), max_length=100, blank=True, help_text=_("E.g. RM/45/2026")
    )
    assembly_date = models.DateField(_("approved by the assembly on"), null=True, blank=True)
    assembly_resolution = models.CharField(
        _("assembly resolution number"), max_length=100, blank=True
    )
    sent_to_region_on = models.DateField(_("sent to the regional office on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="kpss_plan_yearreport_uniq")
        ]

    def __str__(self):
        return f"{self.plan.title} – {self.year}"

    @classmethod
    def for_year(cls, plan, year):
        """The approval record of ``plan``'s report for ``year``, or None."""
        return cls.objects.filter(plan=plan, year=year).first()
