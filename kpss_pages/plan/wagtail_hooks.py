"""Admin of the community plan: priorities, measures and comments as snippets, the yearly
monitoring table with CSV import, survey results, and the home page section."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kpss_pages.core.site_pages import first_site_page, site_pages

from .models import Comment, Measure, PlanIndexPage, PlanPage, Priority, YearReport
from .models.plan import current_plan
from .views import admin as admin_views


class YearReportViewSet(SnippetViewSet):
    model = YearReport
    icon = "doc-full"
    menu_label = _("Yearly reports")
    list_display = ["__str__", "council_date", "assembly_date", "sent_to_region_on"]
    list_filter = ["plan"]


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "list-ol"
    menu_label = _("Priorities")
    list_display = ["__str__", "target_group"]
    list_filter = ["plan", "target_group"]
    search_fields = ["title"]


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "tasks"
    menu_label = _("Measures")
    list_display = ["number", "title", "priority", "responsible"]
    list_filter = ["priority__plan", "priority"]
    search_fields = ["title"]
    ordering = ["priority__plan", "priority__number", "sequence"]


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments on the draft")
    list_display = [
        Column("subject_label", label=_("Concerns")),
        "name",
        "organisation",
        "moderation",
        "settlement",
        "created_at",
    ]
    list_filter = ["plan", "moderation", "settlement"]
    search_fields = ["text", "name", "organisation"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Comment.objects.select_related("chapter", "measure")


PLAN_MENU_HOOK = "register_kpss_plan_menu_item"


class PlanViewSetGroup(ViewSetGroup):
    menu_label = _("Community plan")
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (PriorityViewSet, MeasureViewSet, CommentViewSet, YearReportViewSet)
    submenu_hook = PLAN_MENU_HOOK


register_snippet(PlanViewSetGroup)


@hooks.register("register_admin_urls")
def register_plan_admin_urls():
    return [
        path("plan-monitoring/", admin_views.monitoring_index, name="kpss_plan_monitoring"),
        path(
            "plan-monitoring/<int:plan_id>/<int:year>/",
            admin_views.monitoring_year,
            name="kpss_plan_monitoring_year",
        ),
        path(
            "plan-monitoring/<int:plan_id>/<int:year>/import/",
            admin_views.monitoring_import,
            name="kpss_plan_monitoring_import",
        ),
        path("plan-surveys/", admin_views.survey_index, name="kpss_plan_surveys"),
        path(
            "plan-surveys/<int:page_id>/",
            admin_views.survey_results,
            name="kpss_plan_survey_results",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return not self.permission or request.user.has_perm(self.permission)


@hooks.register(PLAN_MENU_HOOK)
def monitoring_menu_item():
    return PermissionMenuItem(
        _("Plan monitoring"),
        reverse("kpss_plan_monitoring"),
        icon_name="table",
        order=10,
        permission="kpss_plan.change_measurestatus",
    )


class SurveyResultsMenuItem(MenuItem):
    """Shown to those who may edit pages (a survey's results are for those who may edit the
    survey; the list says when there is none yet), never to a provider's staff, who edit
    catalogue entries only."""

    def is_shown(self, request):
        return admin_views.page_permission_policy.user_has_any_permission(
            request.user, {"add", "change"}
        )


@hooks.register(PLAN_MENU_HOOK)
def survey_menu_item():
    return SurveyResultsMenuItem(
        _("Survey results"), reverse("kpss_plan_surveys"), icon_name="form", order=11
    )


@hooks.register("kpss_home_sections")
def plan_home_section(page, request):
    index = first_site_page(PlanIndexPage, request, page)
    plans = list(site_pages(PlanPage, request, page).order_by("-start_year"))
    plan = current_plan(plans)
    if plan is None:
        return None
    return {
        "order": 20,
        "template": "kpss_plan/home_section.html",
        "plan": plan,
        "plan_index": index,
    }
