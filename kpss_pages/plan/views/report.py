"""The yearly report "Zpráva o naplňování komunitního plánu za rok N" and its exports."""

from django.db.models import Max, Prefetch
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kpss_pages.core import exports
from kpss_pages.core.pdf import cached_pdf, pdf_view_response
from kpss_pages.core.public_url import absolute_url

from ..models import Measure, MeasureStatus, MonitoringStatus, YearReport

REPORT_FORMAT = "kpss-plan-report/1"


def build_report(plan, year):
    """Everything the report shows, computed with a fixed number of queries."""
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
        "approval": year_report(plan, year),
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


def _check_year(plan, year):
    if not MeasureStatus.objects.filter(measure__priority__plan=plan, year=year).exists():
        raise Http404


def report_page(request, plan, year):
    _check_year(plan, year)
    report = build_report(plan, year)
    return TemplateResponse(
        request, "kpss_plan/report.html", {"page": plan, "self": plan, "report": report}
    )


def year_report(plan, year):
    return YearReport.objects.filter(plan=plan, year=year).first()


def report_export(request, plan, year, fmt):
    if fmt not in ("pdf", "csv", "json"):
        raise Http404
    _check_year(plan, year)
    filename = f"zprava-kpss-{year}"
    if fmt == "csv":
        return report_csv(plan, year, filename)
    if fmt == "json":
        response = JsonResponse(
            report_json(request, plan, year), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = f'inline; filename="{filename}.json"'
        return response
    return pdf_view_response(
        request,
        lambda: cached_pdf(
            report_cache_key(plan, year),
            "kpss_plan/pdf/report.html",
            lambda: {
                "plan": plan,
                "page": plan,
                "report": build_report(plan, year),
                "generated": timezone.localdate(),
            },
            request=request,
        ),
        f"{filename}.pdf",
    )


def report_cache_key(plan, year):
    stamp = MeasureStatus.objects.filter(measure__priority__plan=plan, year__in=[year, year - 1])
    measures = Measure.objects.filter(priority__plan=plan)
    return [
        "report",
        plan.pk,
        year,
        plan.last_published_at,
        stamp.aggregate(m=Max("updated_at"))["m"],
        stamp.count(),
        measures.aggregate(m=Max("updated_at"))["m"],
        measures.count(),
        plan.priorities.aggregate(m=Max("updated_at"))["m"],
        str(_approval_json(year_report(plan, year))),
    ]


def _approval_json(approval):
    if approval is None:
        return None
    return {
        "council_date": approval.council_date.isoformat() if approval.council_date else None,
        "council_resolution": approval.council_resolution or None,
        "assembly_date": approval.assembly_date.isoformat() if approval.assembly_date else None,
        "assembly_resolution": approval.assembly_resolution or None,
        "sent_to_region_on": (
            approval.sent_to_region_on.isoformat() if approval.sent_to_region_on else None
        ),
    }


def _num(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def report_json(request, plan, year):
    """The JSON the regional office compiles (shape documented in README)."""
    from wagtail.models import Site

    from kpss_pages.core.models import KpssSettings

    report = build_report(plan, year)
    site = Site.find_for_request(request)
    settings = KpssSettings.for_site(site) if site else None
    return {
        "format": REPORT_FORMAT,
        "municipality": settings.municipality_name if settings else "",
        "orp": settings.orp_name if settings else "",
        "plan": {
            "title": plan.title,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "url": absolute_url(plan),
        },
        "year": year,
        "generated": timezone.localdate().isoformat(),
        "approval": _approval_json(report["approval"]),
        "summary": {
            "measures": report["total"],
            "not_evaluated": report["not_evaluated"],
            "by_status": {row["status"]: row["count"] for row in report["summary"]},
            "previous_year_by_status": {
                row["status"]: row["previous"] for row in report["summary"]
            },
            "by_target_group": [
                {
                    "target_group": g["slug"] or None,
                    "name": g["name"],
                    "measures": g["total"],
                    "not_evaluated": g["not_evaluated"],
                    "by_status": g["counts"],
                }
                for g in report["groups"]
            ],
        },
        "priorities": [
            {
                "number": p["priority"].number,
                "title": p["priority"].title,
                "target_group": p["priority"].target_group.slug
                if p["priority"].target_group
                else None,
                "measures": [
                    {
                        "number": m["measure"].number,
                        "title": m["measure"].title,
                        "responsible": m["measure"].responsible,
                        "status": m["status"] or None,
                        "previous_status": m["previous_status"] or None,
                        "commentary": m["commentary"],
                        "indicators": [
                            {
                                "name": i["indicator"].name,
                                "unit": i["indicator"].unit,
                                "target": _num(i["indicator"].target_value),
                                "value": _num(i["value"]),
                                "previous_value": _num(i["previous"]),
                            }
                            for i in m["indicators"]
                        ],
                    }
                    for m in p["measures"]
                ],
            }
            for p in report["priorities"]
        ],
    }


def report_csv(plan, year, filename):
    report = build_report(plan, year)
    header = [
        _("Priority"),
        _("Target group"),
        _("Measure"),
        _("Measure title"),
        _("Status"),
        _("Status in %(year)s") % {"year": year - 1},
        _("Commentary"),
        _("Indicators"),
    ]
    rows = []
    for p in report["priorities"]:
        priority = p["priority"]
        for m in p["measures"]:
            indicators = "; ".join(
                f"{i['indicator'].name}: {_fmt(i['value'])}"
                + (
                    f" / {_fmt(i['indicator'].target_value)}"
                    if i["indicator"].target_value is not None
                    else ""
                )
                + (f" {i['indicator'].unit}" if i["indicator"].unit else "")
                for i in m["indicators"]
            )
            rows.append(
                [
                    priority.number,
                    priority.target_group.name if priority.target_group else "",
                    m["measure"].number,
                    m["measure"].title,
                    m["status_label"] or _("Not evaluated yet"),
                    m["previous_label"] or "",
                    m["commentary"],
                    indicators,
                ]
            )
    return exports.csv_response(filename, header, rows)


def _fmt(value):
    return "–" if value is None else exports.format_number(value)
