"""Public views of priorities and measures: the filterable overview and a measure's page."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from catalog.models import TargetGroup

from ..models import Measure, MonitoringStatus
from .comments import comment_form_context

NOT_EVALUATED = "none"


def status_choices():
    return list(MonitoringStatus.choices) + [(NOT_EVALUATED, _not_evaluated_label())]


def _not_evaluated_label():
    return gettext("Not evaluated yet")


def overview(request, plan):
    groups = list(TargetGroup.objects.filter(plan_priorities__plan=plan).distinct())
    group_slug = request.GET.get("skupina", "")
    status = request.GET.get("stav", "")
    selected_group = next((g for g in groups if g.slug == group_slug), None)
    statuses = status_choices()
    if status not in dict(statuses):
        status = ""
    priorities = plan.priorities.all()
    measures = Measure.objects.listed()
    if selected_group:
        priorities = priorities.filter(target_group=selected_group)
    if status == NOT_EVALUATED:
        measures = measures.filter(latest_status__isnull=True)
    elif status:
        measures = measures.filter(latest_status=status)
    shown = [p for p in priorities.with_measures(measures) if p.shown_measures]
    count = sum(len(p.shown_measures) for p in shown)
    return TemplateResponse(
        request,
        "kpss_plan/measures_overview.html",
        {
            "page": plan,
            "self": plan,
            "priorities": shown,
            "groups": groups,
            "selected_group": selected_group,
            "statuses": statuses,
            "selected_status": status,
            "count": count,
            "filtered": bool(selected_group or status),
        },
    )


def detail(request, plan, number):
    measure = (
        Measure.objects.filter(priority__plan=plan, number=number[:10].replace("-", "."))
        .select_related("priority__target_group")
        .prefetch_related("indicators", "statuses__values")
        .first()
    )
    if measure is None:
        raise Http404
    result = comment_form_context(request, plan, measure=measure)
    if hasattr(result, "status_code"):
        return result
    indicators = list(measure.indicators.all())
    history = []
    for record in measure.statuses.all():
        values = {v.indicator_id: v.value for v in record.values.all()}
        history.append({"record": record, "values": [values.get(i.pk) for i in indicators]})
    context = {
        "page": plan,
        "self": plan,
        "measure": measure,
        "parent_url": plan.url + plan.reverse_subpage("measures_overview"),
        "parent_title": gettext("Priorities and measures"),
        "indicators": indicators,
        "indicator_rows": [
            (indicator, [row["values"][i] for row in history])
            for i, indicator in enumerate(indicators)
        ],
        "history": history,
    }
    context.update(result)
    return TemplateResponse(
        request,
        "kpss_plan/measure_detail.html",
        context,
        status=result.get("comment_status", 200),
    )
