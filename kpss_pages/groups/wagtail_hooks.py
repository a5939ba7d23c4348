from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from kpss_pages.core.site_pages import current_site, first_site_page

from .admin_views import ApplicationViewSet, RegistrationViewSet, can_add_meetings, series_view
from .attendance import attendance_sheet_view, can_print_attendance
from .harmonogram import upcoming_meetings
from .models import HarmonogramPage, MeetingPage, Registration


@hooks.register("kpss_home_sections")
def next_meetings_section(page, request):
    meetings = upcoming_meetings(limit=5, site=current_site(request, page))
    if not meetings:
        return None
    return {
        "order": 20,
        "template": "kpss_groups/home_section.html",
        "meetings": meetings,
        "harmonogram": first_site_page(HarmonogramPage, request, page),
    }


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [RegistrationViewSet(), ApplicationViewSet()]


@hooks.register("register_admin_urls")
def register_series_url():
    return [
        path("kpss-groups/series/", series_view, name="kpss_groups_series"),
        path(
            "kpss-groups/meetings/<int:meeting_id>/attendance-sheet/",
            attendance_sheet_view,
            name="kpss_groups_attendance_sheet",
        ),
    ]


class SeriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_add_meetings(request.user)


@hooks.register("register_admin_menu_item")
def register_series_menu_item():
    return SeriesMenuItem(
        _("Add meetings in bulk"),
        reverse("kpss_groups_series"),
        icon_name="date",
        order=312,
    )


def _confirm_registrations(request, pages, title):
    """Ask before deleting meetings (or pages above them) that people registered for."""
    meetings = MeetingPage.objects.none()
    for page in pages:
        meetings = meetings | MeetingPage.objects.descendant_of(page, inclusive=True)
    active = Registration.objects.filter(
        meeting__in=meetings, status__in=Registration.ACTIVE
    ).count()
    if not active:
        return None
    if request.method == "POST" and request.POST.get("confirm_registrations") == "yes":
        return None
    return TemplateResponse(
        request,
        "kpss_groups/admin/confirm_delete_meeting.html",
        {
            "pages": pages,
            "subtitle": title,
            "registration_count": active,
            "page_title": _("Delete meeting"),
            "action_url": request.get_full_path(),
        },
    )


@hooks.register("before_delete_page")
def confirm_deleting_meeting_with_registrations(request, page):
    return _confirm_registrations(request, [page], page.title)


@hooks.register("before_bulk_action")
def confirm_bulk_deleting_meetings_with_registrations(request, action_type, objects, action):
    if action_type != "delete" or not objects:
        return None
    pages = [obj for obj in objects if hasattr(obj, "path")]
    return _confirm_registrations(request, pages, ", ".join(p.title for p in pages[:5]))


@hooks.register("register_page_header_buttons")
def meeting_registrations_button(page, user, view_name, next_url=None):
    """From a meeting in the admin straight to its registrations (listing and CSV)."""
    if isinstance(page, MeetingPage) and user.has_perm("kpss_groups.view_registration"):
        url = reverse("kpss_groups_registrations:index") + f"?meeting={page.pk}"
        yield Button(_("Registrations"), url, icon_name="group", priority=55)
        if can_print_attendance(user, page):
            yield Button(
                _("Attendance sheet (PDF)"),
                reverse("kpss_groups_attendance_sheet", args=[page.pk]),
                icon_name="doc-full",
                priority=56,
            )
