"""Staff views: a whole year of monitoring as one table, its CSV import, survey results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..forms import MonitoringFormSet, MonitoringImportForm
from ..models import MeasureStatus, PlanPage, SurveyPage
from ..yearly import existing_rows, parse_csv, plan_measures, save_year

page_permission_policy = PagePermissionPolicy()

MAX_CSV_BYTES = 2 * 1024 * 1024


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _plan_and_year(plan_id, year):
    plan = get_object_or_404(PlanPage, pk=plan_id)
    if not plan.start_year - 1 <= year <= plan.end_year + 1:
        raise Http404
    return plan


def monitoring_index(request):
    _require(request, "kpss_plan.change_measurestatus")
    plans = []
    for plan in PlanPage.objects.order_by("-start_year"):
        filled = set(
            MeasureStatus.objects.filter(measure__priority__plan=plan)
            .values_list("year", flat=True)
            .distinct()
        )
        years = [(y, y in filled) for y in range(plan.start_year, plan.end_year + 1)]
        plans.append({"plan": plan, "years": years})
    return TemplateResponse(request, "kpss_plan/admin/monitoring_index.html", {"plans": plans})


def monitoring_year(request, plan_id, year):
    _require(request, "kpss_plan.change_measurestatus")
    plan = _plan_and_year(plan_id, year)
    measures = plan_measures(plan)
    initial_by_measure = existing_rows(measures, year)
    initial = [initial_by_measure.get(m.pk, {}) for m in measures]
    if request.method == "POST":
        formset = MonitoringFormSet(request.POST, measures=measures, initial=initial)
        if formset.is_valid() and formset.total_form_count() == len(measures):
            rows = []
            for measure, form in zip(measures, formset.forms, strict=True):
                data = form.cleaned_data
                rows.append(
                    {
                        "measure": measure,
                        "status": data.get("status", ""),
                        "commentary": data.get("commentary", ""),
                        "values": {ind: data.get(name) for ind, name in form.indicator_fields},
                    }
                )
            saved = save_year(year, rows)
            messages.success(
                request,
                _("Monitoring for %(year)s saved: %(count)s measures with a status.")
                % {"year": year, "count": saved},
            )
            return redirect("kpss_plan_monitoring_year", plan_id=plan.pk, year=year)
        if len(formset.forms) != len(measures):  # tampered or outdated table: start again
            formset = MonitoringFormSet(measures=measures, initial=initial)
        messages.error(request, _("The table has errors; nothing was saved. See the marked rows."))
    else:
        formset = MonitoringFormSet(measures=measures, initial=initial)
    rows = list(zip(measures, formset.forms, strict=True))
    return TemplateResponse(
        request,
        "kpss_plan/admin/monitoring_year.html",
        {
            "plan": plan,
            "year": year,
            "formset": formset,
            "rows": rows,
            "import_form": MonitoringImportForm(),
        },
    )


def monitoring_import(request, plan_id, year):
    _require(request, "kpss_plan.change_measurestatus")
    plan = _plan_and_year(plan_id, year)
    errors = []
    form = MonitoringImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            errors = [_("The file is too large (at most 2 MB).")]
        else:
            rows, errors = parse_csv(plan, upload.read())
            if not errors:
                saved = save_year(year, rows)
                messages.success(
                    request,
                    _("Imported %(count)s rows of monitoring for %(year)s.")
                    % {"count": saved, "year": year},
                )
                return redirect("kpss_plan_monitoring_year", plan_id=plan.pk, year=year)
    return TemplateResponse(
        request,
        "kpss_plan/admin/monitoring_import.html",
        {"plan": plan, "year": year, "form": form, "errors": errors},
        status=400 if errors else 200,
    )


def survey_results(request, page_id):
    page = get_object_or_404(SurveyPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return TemplateResponse(
        request, "kpss_plan/admin/survey_results.html", {"survey": page, "results": page.results()}
    )


def editable_surveys(user):
    """The surveys whose results ``user`` may see (those they may edit), newest first."""
    if not page_permission_policy.user_has_any_permission(user, {"change"}):
        return []  # no page permission at all (e.g. a provider's staff): no query
    return [
        p
        for p in SurveyPage.objects.order_by("-closes_on")
        if p.permissions_for_user(user).can_edit()
    ]


def survey_index(request):
    surveys = editable_surveys(request.user)
    return TemplateResponse(request, "kpss_plan/admin/survey_index.html", {"surveys": surveys})
