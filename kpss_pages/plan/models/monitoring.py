"""Yearly monitoring: the status of each measure and the values of its indicators."""

from django.db import models
from django.db.models import OuterRef, Subquery
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


def with_latest_status(measures):
    """Annotate ``latest_status`` and ``latest_year`` (one subquery, no per-row queries)."""
    latest = MeasureStatus.objects.filter(measure=OuterRef("pk")).order_by("-year")
    return measures.annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_year=Subquery(latest.values("year")[:1]),
    )
