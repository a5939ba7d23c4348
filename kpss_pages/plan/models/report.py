"""The yearly report "Zpráva o naplňování komunitního plánu za rok N": what its page, its
PDF and its CSV and JSON exports show, read in one place."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .measures import Measure
from .monitoring import MeasureStatus, MonitoringStatus, YearReport


def yearly_report(plan, year):
    """Everything the yearly report of ``plan`` for ``year`` shows, computed with a fixed
    number of queries: its page, PDF, CSV and JSON all read it (``PlanPage.yearly_report``)."""
    priorities = list(
        plan.priorities.select_related("target_group").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.prefetch_related("indicators"))
        )
    )
    records = MeasureStatus.objects.filter(
        measure__priority__plan=plan, year__in=[year, year - 1]
    ).prefetch_related("values")
    by_key = {(r.measure_id, r.year): r for r in records}
    labels = dict(MonitoringStatus.choices)
    status_keys = list(MonitoringStatus.values)
    totals = {year: dict.fromkeys(status_keys, 0), year - 1: dict.fromkeys(status_keys, 0)}
    not_evaluated = {year: 0, year - 1: 0}
    groups = {}
    rows_by_priority = []
    for priority in priorities:
        group = priority.target_group
        group_key = group.slug if group else ""
        group_row = groups.setdefault(
            group_key,
            {
                "name": group.name if group else _("Common to all groups"),
                "slug": group_key,
                "counts": dict.fromkeys(status_keys, 0),
                "not_evaluated": 0,
                "total": 0,
            },
        )
        measures = []
        for measure in priority.measures.all():
            current = by_key.get((measure.pk, year))
            previous = by_key.get((measure.pk, year - 1))
            for y, rec in ((year, current), (year - 1, previous)):
                if rec:
                    totals[y][rec.status] += 1
                else:
                    not_evaluated[y] += 1
            group_row["total"] += 1
            if current:
                group_row["counts"][current.status] += 1
            else:
                group_row["not_evaluated"] += 1
            values = {v.indicator_id: v.value for v in current.values.all()} if current else {}
            prev_values = (
                {v.indicator_id: v.value for v in previous.values.all()} if previous else {}
            )
            measures.append(
                {
                    "measure": measure,
                    "status": current.status if current else "",
                    "status_label": labels.get(current.status) if current else None,
                    "previous_status": previous.status if previous else "",
                    "previous_label": labels.get(previous.status) if previous else None,
                    "changed": bool(current and previous and current.status != previous.status),
                    "commentary": current.commentary if current else "",
                    "indicators": [
                        {
                            "indicator": ind,
                            "value": values.get(ind.pk),
                            "previous": prev_values.get(ind.pk),
                        }
                        for ind in measure.indicators.all()
                    ],
                }
            )
        rows_by_priority.append({"priority": priority, "measures": measures})
    summary = [
        {
            "status": key,
            "label": labels[key],
            "count": totals[year][key],
            "previous": totals[year - 1][key],
            "diff": totals[year][key] - totals[year - 1][key],
        }
        for key in status_keys
    ]
    return {
        "approval": YearReport.for_year(plan, year),
        "year": year,
        "previous_year": year - 1,
        "has_previous": any(y == year - 1 for (_m, y) in by_key),
        "summary": summary,
        "not_evaluated": not_evaluated[year],
        "previous_not_evaluated": not_evaluated[year - 1],
        "status_columns": [(key, labels[key]) for key in status_keys],
        "groups": [dict(g, cells=[g["counts"][k] for k in status_keys]) for g in groups.values()],
        "priorities": rows_by_priority,
        "total": sum(len(p["measures"]) for p in rows_by_priority),
    }
