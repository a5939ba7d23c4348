"""The yearly report "Zpráva o naplňování komunitního plánu za rok N" and its exports."""

from django.db.models import Max
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kpss_pages.core import exports
from kpss_pages.core.pdf import cached_pdf, pdf_view_response
from kpss_pages.core.public_url import absolute_url

from ..models import Measure, MeasureStatus, YearReport

REPORT_FORMAT = "kpss-plan-report/1"


def _check_year(plan, year):
    if not MeasureStatus.objects.filter(measure__priority__plan=plan, year=year).exists():
        raise Http404


def report_page(request, plan, year):
    _check_year(plan, year)
    report = plan.yearly_report(year)
    return TemplateResponse(
        request, "kpss_plan/report.html", {"page": plan, "self": plan, "report": report}
    )


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
                "report": plan.yearly_report(year),
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
        str(_approval_json(YearReport.for_year(plan, year))),
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

    report = plan.yearly_report(year)
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
    report = plan.yearly_report(year)
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
